package fwkit

import (
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// ProviderData is what the provider passes to every resource and data source.
// Each service's client is built on first use, so a service that is not
// configured costs nothing until one of its objects is used.
type ProviderData struct {
	Cryptr   *LazyClient
	Cyrisma  *LazyClient
	Synerise *LazyClient
	// AdoptExisting is the provider's adopt_existing: a create that finds
	// its object already there takes it over instead of failing (see
	// CreateFromExisting).
	AdoptExisting bool
}

// LazyClient builds a service client once, on first use.
type LazyClient struct {
	service string
	build   func() (any, error)
	once    sync.Once
	client  any
	err     error
}

// NewLazyClient returns a LazyClient for service that calls build on first use.
// build reports missing or invalid settings as an error naming the
// attribute and its environment variable.
func NewLazyClient(service string, build func() (any, error)) *LazyClient {
	return &LazyClient{service: service, build: build}
}

// Get returns the client, building it at the first call.
func (l *LazyClient) Get() (any, error) {
	l.once.Do(func() { l.client, l.err = l.build() })
	return l.client, l.err
}

// ClientOf returns the client held by lazy as a T, or a diagnostic saying why
// the service cannot be used.
func ClientOf[T any](lazy *LazyClient) (T, diag.Diagnostics) {
	var zero T
	var diags diag.Diagnostics
	if lazy == nil {
		diags.AddError("Provider not configured", "The tenant provider was not configured before this object was used. This is a bug in the provider; please report it.")
		return zero, diags
	}
	raw, err := lazy.Get()
	if err != nil {
		diags.AddError(fmt.Sprintf("%s is not configured", lazy.service), err.Error())
		return zero, diags
	}
	client, ok := raw.(T)
	if !ok {
		diags.AddError("Unexpected client type", fmt.Sprintf("Expected %T for %s, got %T. This is a bug in the provider; please report it.", zero, lazy.service, raw))
		return zero, diags
	}
	return client, diags
}
