package emulator

import (
	"bytes"
	"net/http"
)

// discardWriter is the ResponseWriter a request is served into when its
// answer is to be thrown away (the drop_after_commit_rate fault): the
// handler runs, and so changes state, exactly as usual, but nothing it
// writes reaches the client.
type discardWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newDiscardWriter() *discardWriter { return &discardWriter{header: http.Header{}} }

// Header returns the (discarded) answer's header map.
func (d *discardWriter) Header() http.Header { return d.header }

// WriteHeader records the status of the first call only, as net/http does.
func (d *discardWriter) WriteHeader(status int) {
	if d.status == 0 {
		d.status = status
	}
}

// Write buffers b (implying 200 if no status was written).
func (d *discardWriter) Write(b []byte) (int, error) {
	d.WriteHeader(http.StatusOK)
	return d.body.Write(b)
}

// serveAndDrop serves r normally into a discardWriter, so that its state
// change is applied, then closes the client's connection without answering.
func (s *Server) serveAndDrop(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(newDiscardWriter(), r)
	drop(w)
}
