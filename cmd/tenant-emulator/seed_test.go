package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exampleSeed is the README's sample seed file.
const exampleSeed = "../../examples/emulator/seed.json"

// getState answers GET /_emulator/state of the emulator at base, raw.
func getState(t *testing.T, base string) []byte {
	t.Helper()
	res, err := http.Get(base + "/_emulator/state")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET state: %d %s", res.StatusCode, body)
	}
	return body
}

// serve runs the command with args until the test ends and returns its
// base URL, read from the env file.
func serve(t *testing.T, args ...string) string {
	t.Helper()
	envPath := filepath.Join(t.TempDir(), "emulator.env")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, append(args, "-env-file", envPath), io.Discard, io.Discard) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("run did not return after cancel")
		}
	})
	return readEnv(t, envPath)["CRYPTR_SERVICE_URL"]
}

func TestRunWithSeed(t *testing.T) {
	base := serve(t, "-seed", exampleSeed)
	var st struct {
		Cryptr struct {
			Organizations []struct{ Domain, Status string } `json:"organizations"`
			Webhooks      []struct{ ID string }             `json:"webhooks"`
		} `json:"cryptr"`
		Cyrisma struct {
			Instances []struct {
				InstanceID string `json:"instance_id"`
			} `json:"instances"`
		} `json:"cyrisma"`
		Synerise struct {
			Workspaces []struct{ Subdomain string } `json:"workspaces"`
		} `json:"synerise"`
	}
	dump := getState(t, base)
	if err := json.Unmarshal(dump, &st); err != nil {
		t.Fatal(err)
	}
	if len(st.Cryptr.Organizations) != 1 || st.Cryptr.Organizations[0].Domain != "acme-industries" ||
		st.Cryptr.Organizations[0].Status != "up" || len(st.Cryptr.Webhooks) != 1 ||
		st.Cryptr.Webhooks[0].ID != "webhook_2RCVpicx8L7cFwhrz2gHjnsCLKQ" ||
		len(st.Cyrisma.Instances) != 2 || len(st.Synerise.Workspaces) != 3 {
		t.Fatalf("state after -seed: %s", dump)
	}

	// The dump, saved as a file, seeds the next run to the same state.
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, dump, 0o600); err != nil {
		t.Fatal(err)
	}
	if again := getState(t, serve(t, "-seed", path)); string(again) != string(dump) {
		t.Errorf("a run seeded with the dump dumps:\n%s\nwant:\n%s", again, dump)
	}
}

func TestRunWithBadSeed(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"cryptr": {"organizations": [{"name": "Acme", "domain": "Acme"}]}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	envPath := filepath.Join(dir, "emulator.env")
	wantBad := "loading " + bad + ":\n" + `seed: cryptr.organizations[0] ("Acme"): domain: must be lowercase letters, digits and hyphens`
	for _, tc := range []struct{ file, want string }{
		{bad, wantBad},
		{filepath.Join(dir, "missing.json"), "no such file"},
	} {
		err := run(context.Background(), []string{"-seed", tc.file, "-env-file", envPath}, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("-seed %s: err = %v, want %q", tc.file, err, tc.want)
		}
	}
	if _, err := os.Stat(envPath); !os.IsNotExist(err) {
		t.Error("an env file was written although the seed failed")
	}
}

func TestParseSeedFlag(t *testing.T) {
	c, err := parseFlags([]string{"-seed", "s.json"}, io.Discard)
	if err != nil || c.seedFile != "s.json" {
		t.Fatalf("-seed: %+v %v", c, err)
	}
}
