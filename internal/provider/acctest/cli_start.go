package acctest

import (
	"bytes"
	"os/exec"
	"sync"
	"syscall"
)

// Running is a terraform command started with Start.
type Running struct {
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{}
}

// lockedBuffer collects a command's output while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Start starts terraform with args in a process group of its own, without
// waiting for it: Kill then ends terraform and its provider plugins at once.
func (c *CLI) Start(args ...string) *Running {
	c.t.Helper()
	cmd := exec.Command(TerraformPath(), append(args, "-no-color")...)
	cmd.Dir, cmd.Env = c.Dir, c.env
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		c.t.Fatalf("starting terraform: %v", err)
	}
	r := &Running{cmd: cmd, out: out, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(r.done) }()
	c.t.Cleanup(func() { r.Kill() })
	return r
}

// Kill sends SIGKILL to the whole process group (terraform and the
// provider), as a lost CI runner or an out-of-memory kill would, waits for
// terraform to end and returns what it printed.
func (r *Running) Kill() string {
	_ = syscall.Kill(-r.cmd.Process.Pid, syscall.SIGKILL)
	<-r.done
	return r.out.String()
}

// Exited reports whether the command has ended by itself.
func (r *Running) Exited() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}
