package emulator

import "net/http/httptest"

// TestServer is a Server running on a local httptest listener.
type TestServer struct {
	// URL is the base URL, e.g. "http://127.0.0.1:41234".
	URL string
	// Server is the emulator, for SetFaults, RequestCounts, Fixtures...
	Server *Server

	httpServer *httptest.Server
}

// StartTestServer starts an emulator on a random local port; call Close
// when done.
func StartTestServer(opts Options) *TestServer {
	s := New(opts)
	hs := httptest.NewServer(s.Handler())
	return &TestServer{URL: hs.URL, Server: s, httpServer: hs}
}

// Close shuts the listener down and waits for outstanding requests.
func (t *TestServer) Close() { t.httpServer.Close() }

// Env returns the provider environment variables pointing at this server.
func (t *TestServer) Env() map[string]string { return t.Server.Env(t.URL) }
