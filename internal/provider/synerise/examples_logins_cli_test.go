package synerise_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tenantops/terraform-provider-tenant/internal/provider/acctest"
)

// loginRoutes are the emulator's route keys of every Synerise login step.
var loginRoutes = []string{
	"POST /uauth/v2/auth/login/profile",
	"POST /uauth/auth/login/user",
	"POST /uauth/auth/login/user/mfa/verification",
	"POST /uauth/auth/login/user/profile/{businessProfileUUID}",
	"GET /v4/auth/refresh/profile",
}

// apiKeyOnlyExamples need the workspace API-key mode.
var apiKeyOnlyExamples = map[string]bool{"tenant_synerise_api_key_permissions": true}

// syneriseExamples returns the .tf files of the Synerise data-source and
// ephemeral-resource examples, keyed by a file name unique in one directory.
func syneriseExamples(t *testing.T, userMode bool) map[string]string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..", "..", "examples")
	files, err := filepath.Glob(filepath.Join(root, "*", "tenant_synerise_*", "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		kind, dir := filepath.Base(filepath.Dir(filepath.Dir(f))), filepath.Base(filepath.Dir(f))
		if kind == "resources" || (userMode && apiKeyOnlyExamples[dir]) {
			continue
		}
		content, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[dir+"_"+filepath.Base(f)] = string(content)
	}
	if len(out) < 3 {
		t.Fatalf("found %d Synerise examples under %s", len(out), root)
	}
	return out
}

var (
	pluginStarted = regexp.MustCompile(`plugin started: path=\S*terraform-provider-tenant\S* pid=(\d+)`)
	pluginExited  = regexp.MustCompile(`plugin process exited: plugin=\S*terraform-provider-tenant\S* id=(\d+)`)
	// The fields of a log line come in any order.
	apiRequest = regexp.MustCompile(`provider\.terraform-provider-tenant: API request: .*\bpath=(\S+)`)
)

// loginsPerProcess reads a TF_LOG=DEBUG log and returns, for every provider
// process started, the logins (first steps: API-key or user login) it
// logged. A request is attributed to the latest process still running.
func loginsPerProcess(log string) map[string]int {
	out := map[string]int{}
	var running []string
	for _, line := range strings.Split(log, "\n") {
		if m := pluginStarted.FindStringSubmatch(line); m != nil {
			running = append(running, m[1])
			out[m[1]] += 0
		} else if m := pluginExited.FindStringSubmatch(line); m != nil {
			running = slices.DeleteFunc(running, func(pid string) bool { return pid == m[1] })
		} else if m := apiRequest.FindStringSubmatch(line); m != nil && len(running) > 0 &&
			(m[1] == "/uauth/v2/auth/login/profile" || m[1] == "/uauth/auth/login/user") {
			out[running[len(running)-1]]++
		}
	}
	return out
}

// TestAccSyneriseExamples_loginsOfOnePlan plans the Synerise data-source
// and ephemeral-resource examples together with the real CLI and reports the
// login requests the emulator counted. Terraform may start the provider
// several times per command, but a process logs in only when it reads or
// opens a Synerise object, and then once: at most one login per process.
func TestAccSyneriseExamples_loginsOfOnePlan(t *testing.T) {
	acctest.RequireAcceptance(t)
	t.Parallel()
	env := acctest.NewEnv(t)
	for mode, block := range cliModes(env) {
		t.Run(mode, func(t *testing.T) {
			cli := env.NewCLI(t)
			examples := syneriseExamples(t, block != "")
			names := make([]string, 0, len(examples))
			for name, content := range examples {
				cli.WriteFile(name, content)
				names = append(names, name)
			}
			sort.Strings(names)
			cli.WriteFile("provider.tf", cliProvider(block))
			cli.MustRun(0, "init", "-input=false")
			logPath := filepath.Join(cli.Dir, "terraform.log")
			cli.SetEnv("TF_LOG", "DEBUG")
			cli.SetEnv("TF_LOG_PATH", logPath)

			before := env.Emulator.Server.RequestCounts().Routes
			out := cli.MustRun(0, "plan", "-input=false")
			after := env.Emulator.Server.RequestCounts().Routes
			log, err := os.ReadFile(logPath)
			if err != nil {
				t.Fatal(err)
			}
			processes := loginsPerProcess(string(log))

			counted := map[string]int{}
			var lines []string
			for _, route := range loginRoutes {
				counted[route] = after[route] - before[route]
				lines = append(lines, fmt.Sprintf("%3d  %s", counted[route], route))
			}
			logins := counted[loginRoutes[0]] + counted[loginRoutes[1]]
			t.Logf("one plan of %d Synerise examples (%s), %s mode: %d provider processes started (logins per process: %v), %d logins\n%s",
				len(names), strings.Join(names, ", "), mode, len(processes), processes, logins, strings.Join(lines, "\n"))

			if strings.Contains(out, "Warning: Check block assertion failed") {
				t.Errorf("a check of the examples failed:\n%s", out)
			}
			if len(processes) == 0 {
				t.Fatalf("no provider process found in the Terraform log")
			}
			logged := 0
			for pid, n := range processes {
				logged += n
				if n > 1 {
					t.Errorf("provider process %s logged in %d times", pid, n)
				}
			}
			if logins < 1 || logged != logins {
				t.Errorf("the emulator counted %d logins, the provider logged %d: want at least one, and the same", logins, logged)
			}
			if block != "" && (counted[loginRoutes[2]] != logins || counted[loginRoutes[3]] != logins) {
				t.Errorf("user logins %d, MFA verifications %d, selections %d: want one of each per login", logins, counted[loginRoutes[2]], counted[loginRoutes[3]])
			}
			if counted[loginRoutes[4]] != 0 {
				t.Errorf("%d refreshes of a fresh token during one plan", counted[loginRoutes[4]])
			}
		})
	}
}
