// Package dossier is the portable dossier: one client's data as a zip a
// person can read (dossier.html), a program can read (dossier.json, with
// its JSON Schema, and CSV tables) and another caseload can import, for
// an access request (AVG art. 15) or a move to another coach (art. 20).
//
// An export is three steps, so that the file is sealed and in place
// before the logs say it was sent:
//
//	e, err := dossier.Prepare(ctx, s, clientID, dossier.Options{Lang: "nl", Sealing: dossier.SealedPassphrase})
//	path, err := crypt.WriteExport(dir, e.FileName(), key, true, func(w io.Writer) error { return e.WriteZip(ctx, w) })
//	err = e.Log(ctx, path)
//
// The zip streams straight into the sealing writer, so a sealed export is
// never on disk in the clear. The package writes and reads zips; it never
// encrypts (that is crypt's, wired by cmd) and never touches the disk.
//
// An import reads a zip (Read) or a spreadsheet's client list
// (ReadClientList) into store.ClientBundles, which the store adds in one
// transaction.
package dossier
