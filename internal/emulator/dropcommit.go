package emulator

import (
	"bytes"
	"net/http"
)

// captureWriter is the ResponseWriter a request is served into when its
// answer is to be thrown away (the drop_after_commit_rate fault) or changed
// (anonymous_answer_rate, oversized_rate): the handler runs, and so changes
// state, exactly as usual, but nothing it writes reaches the client.
type captureWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newCaptureWriter() *captureWriter { return &captureWriter{header: http.Header{}} }

// Header returns the captured answer's header map.
func (d *captureWriter) Header() http.Header { return d.header }

// WriteHeader records the status of the first call only, as net/http does.
func (d *captureWriter) WriteHeader(status int) {
	if d.status == 0 {
		d.status = status
	}
}

// Write buffers b (implying 200 if no status was written).
func (d *captureWriter) Write(b []byte) (int, error) {
	d.WriteHeader(http.StatusOK)
	return d.body.Write(b)
}

// code is the captured status, 200 when the handler wrote none.
func (d *captureWriter) code() int {
	if d.status == 0 {
		return http.StatusOK
	}
	return d.status
}

// serveCaptured serves r normally into a captureWriter, so that its state
// change is applied, then drops the answer (closing the client's connection
// without answering) or sends it, changed by the faults of p.
func (s *Server) serveCaptured(w http.ResponseWriter, r *http.Request, p plan) {
	c := newCaptureWriter()
	s.mux.ServeHTTP(c, r)
	if p.dropAfterCommit {
		drop(w)
		return
	}
	if p.anonymous && anonymizable(r, c) {
		s.countFault(faultAnonymousAnswer)
		anonymize(c)
	}
	if p.oversizeTo > 0 && paddable(r, c) {
		s.countFault(faultOversized)
		writePadded(w, c, p.oversizeTo)
		return
	}
	for k, v := range c.header {
		w.Header()[k] = v
	}
	w.WriteHeader(c.code())
	_, _ = w.Write(c.body.Bytes())
}
