package bench

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// Machine describes where a run happened.
type Machine struct {
	// CPU is the model name from /proc/cpuinfo.
	CPU string
	// Cores is the number of logical CPUs usable by the process.
	Cores int
	// MemoryKiB is MemTotal from /proc/meminfo.
	MemoryKiB int64
	// OS is the distribution (PRETTY_NAME of /etc/os-release), if known.
	OS string
	// Kernel is the kernel release.
	Kernel string
	// Platform is GOOS/GOARCH.
	Platform string
	// GoVersion is the toolchain that built the provider (`go env GOVERSION`).
	GoVersion string
	// TerraformVersion is the terraform CLI's version.
	TerraformVersion string
}

// ParseCPUModel returns the first "model name" of a /proc/cpuinfo file.
func ParseCPUModel(cpuinfo []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(cpuinfo))
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(name) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return ""
}

// ParseMemTotal returns MemTotal of a /proc/meminfo file, in KiB.
func ParseMemTotal(meminfo []byte) int64 {
	sc := bufio.NewScanner(bytes.NewReader(meminfo))
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if ok && name == "MemTotal" {
			fields := strings.Fields(value)
			if len(fields) >= 1 {
				n, _ := strconv.ParseInt(fields[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// parseOSRelease returns PRETTY_NAME of an os-release file.
func parseOSRelease(content []byte) string {
	for _, line := range strings.Split(string(content), "\n") {
		if v, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok {
			return strings.Trim(v, `"'`)
		}
	}
	return ""
}

// DescribeMachine gathers the machine's description; fields it cannot read
// stay empty.
func DescribeMachine(ctx context.Context, tf Terraform) Machine {
	m := Machine{Cores: runtime.NumCPU(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.CPU = ParseCPUModel(b)
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		m.MemoryKiB = ParseMemTotal(b)
	}
	if b, err := os.ReadFile("/etc/os-release"); err == nil {
		m.OS = parseOSRelease(b)
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	if out, err := exec.CommandContext(ctx, "go", "env", "GOVERSION").Output(); err == nil {
		m.GoVersion = strings.TrimSpace(string(out))
	}
	m.TerraformVersion, _ = tf.Version(ctx)
	return m
}
