package bench

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

const statusSample = `Name:	terraform-provi
Umask:	0022
State:	S (sleeping)
Pid:	4242
VmPeak:	 1336852 kB
VmSize:	 1336852 kB
VmHWM:	   43924 kB
VmRSS:	   43924 kB
Threads:	9
`

func TestParseVmHWM(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status string
		want   int64
		ok     bool
	}{
		{"process", statusSample, 43924, true},
		{"kernel thread", "Name:\tkthreadd\nState:\tS (sleeping)\n", 0, false},
		{"no unit", "VmHWM:\t12\n", 0, false},
		{"not a number", "VmHWM:\tlots kB\n", 0, false},
		{"negative", "VmHWM:\t-1 kB\n", 0, false},
		{"prefix of another field", "VmHWMx:\t1 kB\nVmHWM:\t2 kB\n", 2, true},
		{"empty", "", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ParseVmHWM([]byte(tc.status))
			if got != tc.want || ok != tc.ok {
				t.Errorf("ParseVmHWM = %d, %v; want %d, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
	if MiB(43924) < 42.8 || MiB(43924) > 42.9 {
		t.Errorf("MiB(43924) = %f", MiB(43924))
	}
}

func TestParseStatCPU(t *testing.T) {
	// Fields 14 and 15 (utime, stime) are 150 and 25 ticks; the command
	// name holds spaces and parentheses.
	stat := "4242 (a (weird) name) S 1 4242 4242 0 -1 4194560 1000 0 0 0 150 25 0 0 20 0 9 0 12345 1336852 10981 18446744073709551615\n"
	got, ok := ParseStatCPU([]byte(stat))
	if !ok || got != 1750*time.Millisecond {
		t.Errorf("ParseStatCPU = %v, %v; want 1.75s, true", got, ok)
	}
	for _, bad := range []string{"", "4242 (x) S 1 2", "4242 no parenthesis"} {
		if _, ok := ParseStatCPU([]byte(bad)); ok {
			t.Errorf("ParseStatCPU(%q) succeeded", bad)
		}
	}
}

// fakeProc lays out a /proc with a provider process (pid 10), terraform
// (pid 20) and an unrelated process (pid 30).
func fakeProc(t *testing.T, provider, terraform string) string {
	t.Helper()
	root := t.TempDir()
	for pid, p := range map[int]struct {
		exe  string
		hwm  int
		tick int
	}{10: {provider, 50000, 300}, 20: {terraform, 90000, 999}, 30: {"/usr/bin/sleep", 999999, 999}} {
		dir := filepath.Join(root, strconv.Itoa(pid))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(p.exe, filepath.Join(dir, "exe")); err != nil {
			t.Fatal(err)
		}
		status := "Name:\tx\nVmHWM:\t" + strconv.Itoa(p.hwm) + " kB\n"
		stat := strconv.Itoa(pid) + " (x) S 1 1 1 0 -1 0 0 0 0 0 " + strconv.Itoa(p.tick) + " 0 0 0\n"
		if err := os.WriteFile(filepath.Join(dir, "status"), []byte(status), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "stat"), []byte(stat), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "self"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestSamplerFakeProc(t *testing.T) {
	root := fakeProc(t, "/w/bin/terraform-provider-tenant", "/usr/local/bin/terraform")
	s := NewSampler(root, time.Millisecond, 20, "/w/bin/terraform-provider-tenant")
	s.Start()
	time.Sleep(5 * time.Millisecond)
	u := s.Stop()
	if u.ProviderKiB != 50000 || u.TerraformKiB != 90000 || u.ProviderProcesses != 1 || u.ProviderCPU != 3*time.Second {
		t.Errorf("usage = %+v; want provider 50000 KiB, terraform 90000 KiB, 1 provider process, 3s provider CPU", u)
	}
}

func TestSamplerDeletedBinary(t *testing.T) {
	root := fakeProc(t, "/w/bin/terraform-provider-tenant (deleted)", "/usr/local/bin/terraform")
	s := NewSampler(root, time.Hour, 0, "/w/bin/terraform-provider-tenant")
	s.Sample()
	if u := s.Stop(); u.ProviderKiB != 50000 || u.TerraformKiB != 0 {
		t.Errorf("usage = %+v; want the deleted binary matched and no watched process", u)
	}
}

// TestSamplerRealProc samples the test process itself through the real /proc.
func TestSamplerRealProc(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	s := NewSampler("/proc", time.Hour, os.Getpid(), exe)
	s.Start()
	u := s.Stop()
	if u.TerraformKiB <= 0 {
		t.Errorf("no VmHWM for the watched process: %+v", u)
	}
}
