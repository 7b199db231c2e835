//go:build windows

package dossier

import "golang.org/x/sys/windows"

// knownDocuments asks Windows where the user's Documents folder is. It is
// not always %USERPROFILE%\Documents: OneDrive's folder backup moves it to
// %USERPROFILE%\OneDrive\Documents, and a company's policy may redirect it
// to a share. "" when Windows cannot say.
func knownDocuments() string {
	d, err := windows.KnownFolderPath(windows.FOLDERID_Documents, windows.KF_FLAG_DEFAULT)
	if err != nil {
		return ""
	}
	return d
}
