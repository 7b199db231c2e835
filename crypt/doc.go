// Package crypt keeps caseload's vault: one folder holding the coach's
// caseload as an age-encrypted SQLite image, the key that opens it, the
// attachments and earlier generations. It knows nothing of SQL; store
// hands it bytes (a Sealer) and asks it for attachments (Blobs).
//
//	<vault dir>/               0700
//	  vault.age                the database image, sealed to the vault key and the recovery key
//	  identity.age             an age identity file (the vault key; the recovery recipient in a comment),
//	                           sealed with the passphrase (scrypt), inside that to security keys if bound
//	  files/<id>.age           attachments, each sealed to a key of its own
//	  backups/vault-<UTC>.age  earlier generations of vault.age, rotated
//	  lock                     locked while a process has the vault open; never deleted
//
// Why an identity file: age's passphrase recipient runs scrypt (about a
// second, on purpose) for every file. Sealing vault.age to a native key
// keeps each save fast, and changing the passphrase rewrites only
// identity.age. The keys are age's hybrid post-quantum keys, since the
// files are kept for years. Public keys are never written in the clear,
// since whoever holds one can forge a vault.age; the vault's public key is
// derived from its secret key at unlock, and the recovery recipient is
// kept inside identity.age.
//
// Every write follows one path: a temp file in the same folder, fsync,
// read back and compare, rename, fsync the folder. A crash at any point
// leaves the old file or the new one, whole. Nothing is ever written in
// the clear, and reads decrypt the whole file before returning any of it.
package crypt
