package fwkit

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
)

// EphemeralResourceBase implements Metadata and Configure for an ephemeral
// resource; embed it and write only the schema and Open.
type EphemeralResourceBase struct {
	// TypeSuffix is the type name without the provider prefix.
	TypeSuffix string
	// Data is the provider data, set by Configure.
	Data *ProviderData
}

// Metadata sets the ephemeral resource type name.
func (b *EphemeralResourceBase) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.TypeSuffix
}

// Configure keeps the provider data. It runs before the provider is
// configured too (with nil data), which is not an error.
func (b *EphemeralResourceBase) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	b.Data = providerData(req.ProviderData, &resp.Diagnostics)
}
