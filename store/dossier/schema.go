package dossier

import _ "embed"

// SchemaJSON is the JSON Schema (draft 2020-12) of dossier.json, version
// 1. It travels in every export as schema/dossier.v1.json, so whoever
// receives a dossier can check it without asking for the format; the
// repository keeps the same file in schema/, and a test holds the two
// together.
//
//go:embed dossier.v1.json
var SchemaJSON []byte
