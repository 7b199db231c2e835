package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/caseload/caseload/termsafe"
	"github.com/spf13/cobra"
)

// errImageExists means recover-image would overwrite a file.
var errImageExists = errors.New("the file already exists")

// newRecoverImageCmd is `caseload recover-image [DIR] --out FILE`: the
// caseload as one plain SQLite database, with every save of the journal
// applied. It is the step docs/recovery.md takes for the saves made since
// the last compaction, which the stock sqlite3 shell cannot apply itself.
// It reads the vault and writes nothing in it. The file is the caseload
// in the clear, by the coach's explicit request; it is written 0600 and
// never over an existing file.
func newRecoverImageCmd(e *env) *cobra.Command {
	var out string
	c := &cobra.Command{
		Use:   "recover-image [DIR] --out FILE",
		Short: e.T("help.recoverimage.write_the_caseload_as_a"),
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef(c, e.T("help.usage.unexpected_q"), args[1])
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if out == "" {
				return usagef(c, "%s", e.T("help.recoverimage.recover_image_needs_out_file"))
			}
			if len(args) == 1 {
				e.vaultDir = args[0]
			}
			n, err := recoverImage(context.Background(), e, out)
			if err != nil {
				return err
			}
			fmt.Fprint(e.stdout, e.Tf("help.recoverimage.the_caseload_d_bytes_every", n, termsafe.Line(out)))
			return nil
		},
	}
	c.Flags().StringVar(&out, "out", "", e.T("help.recoverimage.write_the_database_to_file"))
	return c
}

// recoverImage opens the vault in e.vaultDir read-only, applies the
// journal and writes the image to out, durably. It returns the size.
func recoverImage(ctx context.Context, e *env, out string) (int64, error) {
	if _, err := os.Lstat(out); err == nil {
		return 0, fmt.Errorf("%w: %s", errImageExists, out)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	s, err := e.look(ctx)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	image, err := s.Image(ctx)
	if err != nil {
		return 0, err
	}
	defer clear(image)
	dir := filepath.Dir(out)
	f, err := os.CreateTemp(dir, ".caseload-image-*.tmp")
	if err != nil {
		return 0, fmt.Errorf("writing the image: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(image)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// Link, not rename: a file that appeared at out meanwhile is
		// never replaced.
		err = os.Link(tmp, out)
	}
	os.Remove(tmp)
	if err != nil {
		return 0, fmt.Errorf("writing the image: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return int64(len(image)), nil
}
