// Package tui is caseload's terminal interface: one Bubble Tea program whose
// root model (Model, built by New) holds a stack of screens.
//
// # Routing
//
// The root model routes every message in a fixed order, so that a coach
// typing a note can never trigger a command by accident:
//
//  1. tea.WindowSizeMsg goes to every screen on the stack, minus the rows the
//     root draws itself (header, key hints, status line).
//  2. ctrl+c always quits (twice forces it), and ctrl+l always locks: no text
//     field uses either, and locking must work from a half-typed note — that
//     is what drafts are for.
//  3. While a yes/no prompt or the help overlay is open, it takes the keys.
//  4. A screen that reports Capturing (a focused text field) gets every
//     other key, including q, ?, and esc.
//  5. Then the global keys: ? help, ctrl+f search, esc back, q quit.
//  6. Status messages go to the status line; navigate and back messages push
//     and pop the stack; results of saving commands update "saving…/saved"
//     — after the screens have seen them (rule 7), so that a lock waiting
//     for that save stores the routes as they are after it (a new record's
//     id, not 0).
//  7. Answers to store commands (they carry a request id) go to every
//     screen, each keeping only its own; everything else goes to the top
//     screen only.
//  8. Keys for a screen still waiting for its first data (it reports
//     Loading: a list before its rows, a form before its item) are held
//     after rule 2 and handed to it in order once it has loaded, so "j j
//     enter" typed quickly after opening a list moves and opens; so are
//     the keys after one that started a command on a screen without a
//     text field (enter opening a client), until that command answers.
//     esc, ctrl+c and ctrl+l act at once and drop them; a held key never
//     answers a question (app.go, holds and waitFor).
//
// # I/O
//
// Update and View never do I/O. Every store call is a tea.Cmd, named verb
// first, kept in the file of the screen that asks it (commands.go holds
// only the ones the root model and several screens share); its result
// message carries the request id of the screen state that asked, so a
// late answer for a screen the coach has already left is dropped.
//
// # Locking
//
// The root model counts idle time from key presses. When it reaches the
// idle limit, or on ctrl+l, it asks every screen for a Draft, stores the
// drafts and the stack's Routes (ids, never data) in the vault as one
// session draft, closes the store and shows the unlock screen. After the
// next unlock the stack is rebuilt from the routes and each screen gets its
// draft back through RestoreDraft. Quitting stores drafts the same way, so
// typed text survives a quit as well.
//
// # The dossier
//
// The client screen (client.go) is the dossier in tabs: overview, intake,
// plan, evaluations, notes, other texts, appointments, documents, consent
// & sharing, requests and the client's audit log; tab and shift+tab cycle
// them, 1–9 jump. The rights tabs load apart from the dossier
// (client_requests.go); a request opens in the request view, and the
// breach register is a screen of its own (B, from anywhere). It reads the
// whole dossier in one command (loadDossier) and reads the client itself,
// which the store logs as a view, only when it opens. Its Route keeps the
// tab and the selected item, so a lock brings the coach back to the same
// line. Records open in the reader (record_view.go), which masks a
// special-category text until v (the store logs the reveal), and in the
// editor (record_edit.go), which loads through RevealRecord, saves with
// ctrl+s without closing, and keeps its text, body included, as a draft.
// Appointments and documents have their own forms; the only file I/O in
// the package is in document_forms.go. Screens above the client hand back
// a doneMsg: the tab and item to select, and a notice to show.
//
// ctrl+f opens the search screen from anywhere a text field does not have
// the focus ("/" already filters the list on screen). It searches as the
// coach types, 150 ms after the last key (a tea.Tick whose id must still
// be the latest), and enter opens the client on the record's tab with the
// record in the reader on top.
//
// # Where a screen lives
//
// One screen, one file named after it (a large screen adds files with
// its name as prefix: client.go, client_view.go, client_tabs.go …): its
// model, Update, View, key map and store commands are there. Its words
// are in package msg, in msg/tui_<screen>.go. What every screen shares is
// the kit (tui/kit: styles, text fitting, key hints, kit.List, kit.Table,
// kit.Form), which never imports this package; what the screens need of
// the store and the vault is backend.go; the root model is app*.go; the
// one routing switch is newScreen in screen.go.
//
// # Adding a screen
//
// A screen is a type in its own file with the methods of pageModel (value
// receivers; Update returns the type itself), a constructor taking the
// *env and the ids it shows, and a case in newScreen for its ScreenKind.
// Other screens open it with navigate(Route{…}); it leaves with
// back(result). It loads in Init with a request id taken in the
// constructor, and loads again on shownMsg (the screen above it may have
// changed something). Its keys are a keyMap built in its file (keys.go
// holds the global, list and prompt keys), switched with SetEnabled as
// its state changes; its texts are msg entries in both languages, looked
// up with literal keys. A store call is a command in its file; one that
// changes the caseload is wrapped in saving()
// and its result implements saveResult, so the status line and the lock
// know about it. A screen that holds typing implements Draft and
// RestoreDraft.
package tui
