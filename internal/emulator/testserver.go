package emulator

import (
	"bytes"
	"crypto/tls"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"
)

// TestServer is a Server running on a local httptest listener.
type TestServer struct {
	// URL is the base URL, e.g. "http://127.0.0.1:41234", or
	// "https://127.0.0.1:41234" for StartTestServerTLS.
	URL string
	// Server is the emulator, for SetFaults, RequestCounts, Fixtures...
	Server *Server
	// CertFile is, for StartTestServerTLS, the path of a PEM file holding
	// the server's self-signed certificate (for SSL_CERT_FILE or a
	// client's RootCAs); Close removes it. "" for StartTestServer.
	CertFile string
	// CertPEM is the content of CertFile (nil for StartTestServer).
	CertPEM []byte

	httpServer *httptest.Server
	certDir    string
}

// StartTestServer starts an emulator on a random local port, serving plain
// HTTP; call Close when done.
func StartTestServer(opts Options) *TestServer {
	s := New(opts)
	hs := httptest.NewServer(s.Handler())
	return &TestServer{URL: hs.URL, Server: s, httpServer: hs}
}

// testCertValidity is how long the certificate of StartTestServerTLS is
// valid.
const testCertValidity = time.Hour

// StartTestServerTLS starts an emulator on a random local port, serving
// HTTPS (HTTP/2 and HTTP/1.1) with a freshly generated self-signed ECDSA
// certificate valid for an hour for 127.0.0.1, ::1 and localhost (see
// SelfSignedCert). Its PEM is written to CertFile (in a new temporary
// directory) and kept in CertPEM; Client returns a client trusting it.
// Clients that do not trust it fail the TLS handshake with an
// x509.UnknownAuthorityError. Call Close when done. It panics if the
// certificate cannot be made or written, as httptest does when it cannot
// listen.
func StartTestServerTLS(opts Options) *TestServer {
	cert, certPEM, err := SelfSignedCert(testCertValidity)
	if err != nil {
		panic("emulator: generating a TLS certificate: " + err.Error())
	}
	dir, err := os.MkdirTemp("", "tenant-emulator-tls-")
	if err != nil {
		panic("emulator: " + err.Error())
	}
	certFile := filepath.Join(dir, "cert.pem")
	if err := os.WriteFile(certFile, certPEM, 0o644); err != nil {
		_ = os.RemoveAll(dir)
		panic("emulator: writing the TLS certificate: " + err.Error())
	}
	s := New(opts)
	hs := httptest.NewUnstartedServer(s.Handler())
	hs.EnableHTTP2 = true
	hs.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"h2", "http/1.1"}}
	// A client that does not trust the certificate is what some tests are
	// about: keep its handshake errors out of the test log.
	hs.Config.ErrorLog = log.New(handshakeErrorFilter{}, "", log.LstdFlags)
	hs.StartTLS()
	return &TestServer{URL: hs.URL, Server: s, CertFile: certFile, CertPEM: certPEM, httpServer: hs, certDir: dir}
}

// handshakeErrorFilter passes server log lines to stderr, except TLS
// handshake errors.
type handshakeErrorFilter struct{}

func (handshakeErrorFilter) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("TLS handshake error")) {
		return len(p), nil
	}
	return os.Stderr.Write(p)
}

// Client returns an HTTP client for this server: for StartTestServerTLS,
// one that trusts its certificate.
func (t *TestServer) Client() *http.Client { return t.httpServer.Client() }

// Close ends the requests held by the hang fault (see Server.Close), shuts
// the listener down, waits for outstanding requests, and removes CertFile.
func (t *TestServer) Close() {
	t.Server.Close()
	t.httpServer.Close()
	if t.certDir != "" {
		_ = os.RemoveAll(t.certDir)
	}
}

// Env returns the provider environment variables pointing at this server.
func (t *TestServer) Env() map[string]string { return t.Server.Env(t.URL) }
