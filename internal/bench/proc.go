package bench

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ParseVmHWM returns the VmHWM line of a /proc/<pid>/status file (the peak
// resident set size), in KiB; ok is false when the line is missing or
// malformed (a kernel thread, or a zombie whose memory is gone).
func ParseVmHWM(status []byte) (kib int64, ok bool) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		name, value, found := strings.Cut(sc.Text(), ":")
		if !found || name != "VmHWM" {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, false
		}
		n, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil || n < 0 {
			return 0, false
		}
		return n, true
	}
	return 0, false
}

// clockTick is the unit of the CPU times of /proc/<pid>/stat (USER_HZ,
// 100 on every Linux architecture Go supports).
const clockTick = 10 * time.Millisecond

// ParseStatCPU returns utime + stime of a /proc/<pid>/stat file. The
// command name (field 2) is in parentheses and may hold spaces, so fields
// are counted after its closing parenthesis.
func ParseStatCPU(stat []byte) (time.Duration, bool) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	fields := strings.Fields(string(stat[i+1:]))
	// fields[0] is field 3 (state); utime and stime are fields 14 and 15.
	if len(fields) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil || utime < 0 || stime < 0 {
		return 0, false
	}
	return time.Duration(utime+stime) * clockTick, true
}

// Usage is what a Sampler saw during one command, plus the CPU figures
// Terraform.Run adds.
type Usage struct {
	// ProviderKiB is the largest VmHWM of any process running the provider
	// binary (0 if none was seen).
	ProviderKiB int64
	// ProviderProcesses is how many distinct provider processes were seen.
	ProviderProcesses int
	// TerraformKiB is the largest VmHWM of the watched terraform process.
	TerraformKiB int64
	// ProviderCPU is the CPU time (user + system) of the provider
	// processes, as last sampled from /proc/<pid>/stat: it misses what a
	// process used in its last interval.
	ProviderCPU time.Duration
	// TreeCPU is the CPU time of terraform and of every process it waited
	// for (the provider processes), from wait4's rusage.
	TreeCPU time.Duration
	// BenchCPU is the CPU time of the bench's own process during the
	// command: the in-process emulator serving the requests, plus the
	// sampler.
	BenchCPU time.Duration
	// Load1 is the 1-minute load average when the command ended.
	Load1 float64
}

// TerraformCPU is the CPU time of terraform itself: TreeCPU less the
// provider processes' share.
func (u Usage) TerraformCPU() time.Duration { return max(u.TreeCPU-u.ProviderCPU, 0) }

// MiB converts KiB to MiB.
func MiB(kib int64) float64 { return float64(kib) / 1024 }

// Sampler polls /proc while a command runs: every process whose
// /proc/<pid>/exe resolves to one of the provider's paths, and one extra
// process (terraform itself), for their VmHWM. VmHWM only grows during a
// process's life, so the last sample before the process exits is its peak
// to within one interval.
type Sampler struct {
	proc     string
	exes     map[string]bool
	interval time.Duration
	watchPID int
	watchExe string

	mu       sync.Mutex
	usage    Usage
	seen     map[int]bool          // pid → runs the provider
	cpu      map[int]time.Duration // provider pid → last CPU time seen
	stop     chan struct{}
	finished chan struct{}
}

// NewSampler returns a sampler of the processes running any of exes (paths
// of the provider binary and its copies) and of the process watchPID (0 for
// none), reading procRoot (normally "/proc") every interval.
func NewSampler(procRoot string, interval time.Duration, watchPID int, exes ...string) *Sampler {
	s := &Sampler{proc: procRoot, exes: map[string]bool{}, interval: interval, watchPID: watchPID, seen: map[int]bool{}, cpu: map[int]time.Duration{}}
	for _, e := range exes {
		s.exes[e] = true
		if real, err := filepath.EvalSymlinks(e); err == nil {
			s.exes[real] = true
		}
	}
	return s
}

// Start samples once, then every interval in the background until Stop.
func (s *Sampler) Start() {
	if s.watchPID > 0 {
		s.watchExe, _ = os.Readlink(filepath.Join(s.proc, strconv.Itoa(s.watchPID), "exe"))
	}
	s.stop, s.finished = make(chan struct{}), make(chan struct{})
	s.Sample()
	go func() {
		defer close(s.finished)
		t := time.NewTicker(s.interval)
		defer t.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-t.C:
				s.Sample()
			}
		}
	}()
}

// Stop ends the sampling (after one last sample) and returns the usage.
func (s *Sampler) Stop() Usage {
	if s.stop != nil {
		close(s.stop)
		<-s.finished
		s.stop = nil
	}
	s.Sample()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.usage
}

// Sample reads /proc once.
func (s *Sampler) Sample() {
	entries, err := os.ReadDir(s.proc)
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid <= 0 {
			continue
		}
		if pid == s.watchPID {
			if kib, ok := s.vmHWM(pid); ok {
				s.usage.TerraformKiB = max(s.usage.TerraformKiB, kib)
			}
			continue
		}
		isProvider, known := s.seen[pid]
		if !known {
			var final bool
			isProvider, final = s.runsProvider(pid)
			if final {
				s.seen[pid] = isProvider
			}
			if isProvider {
				s.usage.ProviderProcesses++
			}
		}
		if isProvider {
			if kib, ok := s.vmHWM(pid); ok {
				s.usage.ProviderKiB = max(s.usage.ProviderKiB, kib)
			}
			if b, err := os.ReadFile(filepath.Join(s.proc, strconv.Itoa(pid), "stat")); err == nil {
				if cpu, ok := ParseStatCPU(b); ok && cpu >= s.cpu[pid] {
					s.usage.ProviderCPU += cpu - s.cpu[pid]
					s.cpu[pid] = cpu
				}
			}
		}
	}
}

// runsProvider reports whether /proc/<pid>/exe is one of the provider's
// paths (a binary replaced on disk reads "<path> (deleted)"). final is false
// when the answer may still change: the link could not be read (a process
// being created or gone), or the process still runs the watched process's
// binary (a child of terraform between fork and exec).
func (s *Sampler) runsProvider(pid int) (provider, final bool) {
	exe, err := os.Readlink(filepath.Join(s.proc, strconv.Itoa(pid), "exe"))
	if err != nil {
		return false, os.IsPermission(err)
	}
	exe = strings.TrimSuffix(exe, " (deleted)")
	if s.exes[exe] {
		return true, true
	}
	return false, exe != s.watchExe
}

func (s *Sampler) vmHWM(pid int) (int64, bool) {
	b, err := os.ReadFile(filepath.Join(s.proc, strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, false
	}
	return ParseVmHWM(b)
}
