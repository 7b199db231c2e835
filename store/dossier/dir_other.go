//go:build !windows

package dossier

// knownDocuments is Windows' known-folder lookup; elsewhere the documents
// folder comes from the environment (see DefaultDir).
func knownDocuments() string { return "" }
