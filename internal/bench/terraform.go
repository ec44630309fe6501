package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Terraform runs the terraform CLI with a fixed environment, sampling the
// memory of the provider processes while each command runs.
type Terraform struct {
	// Path is the terraform executable.
	Path string
	// Env is the complete environment of every command (see CommandEnv).
	Env []string
	// ProviderExes are the paths provider processes run from.
	ProviderExes []string
	// SampleInterval is the /proc sampling period (25 ms when zero).
	SampleInterval time.Duration
	// LogLevel, when set, runs every command with TF_LOG=LogLevel and
	// TF_LOG_PATH=<dir>/<name>.tflog (for investigations; it slows
	// everything down, so the figures are then not comparable).
	LogLevel string
}

// Command is one finished terraform command.
type Command struct {
	// Args are the arguments after "terraform".
	Args []string
	// Duration is the wall time from start to exit.
	Duration time.Duration
	// ExitCode is the exit status.
	ExitCode int
	// Output is the combined stdout and stderr.
	Output string
	// Usage is the memory and CPU the command used.
	Usage Usage
}

// Tail returns the last n lines of the output.
func (c Command) Tail(n int) string {
	lines := strings.Split(strings.TrimRight(c.Output, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Run runs terraform args in dir, writes its output to dir/<name>.log and
// returns the command; err is set only when terraform could not be run.
func (t Terraform) Run(ctx context.Context, dir, name string, args ...string) (Command, error) {
	return t.RunEnv(ctx, dir, name, nil, args...)
}

// RunEnv is Run with extra environment variables ("NAME=value").
func (t Terraform) RunEnv(ctx context.Context, dir, name string, extraEnv []string, args ...string) (Command, error) {
	cmd := exec.CommandContext(ctx, t.Path, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string(nil), t.Env...), extraEnv...)
	if t.LogLevel != "" {
		cmd.Env = append(cmd.Env, "TF_LOG="+t.LogLevel, "TF_LOG_PATH="+filepath.Join(dir, name+".tflog"))
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	interval := t.SampleInterval
	if interval <= 0 {
		interval = 25 * time.Millisecond
	}
	selfBefore := selfCPU()
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Command{}, fmt.Errorf("terraform %s: %w", strings.Join(args, " "), err)
	}
	sampler := NewSampler("/proc", interval, cmd.Process.Pid, t.ProviderExes...)
	sampler.Start()
	err := cmd.Wait()
	elapsed := time.Since(start)
	usage := sampler.Stop()
	usage.BenchCPU = selfCPU() - selfBefore
	usage.Load1 = loadAverage()
	if cmd.ProcessState != nil {
		usage.TreeCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	c := Command{Args: args, Duration: elapsed, Output: out.String(), Usage: usage}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		c.ExitCode = exit.ExitCode()
	default:
		return c, fmt.Errorf("terraform %s: %w", strings.Join(args, " "), err)
	}
	if werr := os.WriteFile(filepath.Join(dir, name+".log"), out.Bytes(), 0o600); werr != nil {
		return c, werr
	}
	return c, nil
}

// selfCPU returns the CPU time (user + system) this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAverage returns the 1-minute load average (0 if unknown).
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	return ParseLoadAverage(b)
}

// ParseLoadAverage returns the first figure of /proc/loadavg.
func ParseLoadAverage(loadavg []byte) float64 {
	fields := strings.Fields(string(loadavg))
	if len(fields) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(fields[0], 64)
	return v
}

// Version returns the terraform version ("1.11.4").
func (t Terraform) Version(ctx context.Context) (string, error) {
	cmd := exec.CommandContext(ctx, t.Path, "version", "-json")
	cmd.Env = t.Env
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("terraform version: %w", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return "", fmt.Errorf("terraform version -json: %w", err)
	}
	return v.Version, nil
}
