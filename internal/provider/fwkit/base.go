package fwkit

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ResourceBase implements Metadata and Configure for a resource; embed it and
// write only the schema and the CRUD.
type ResourceBase struct {
	// TypeSuffix is the resource type name without the provider prefix,
	// such as "cryptr_organization".
	TypeSuffix string
	// Data is the provider data, set by Configure.
	Data *ProviderData
}

// TypeName is the resource type name with the provider prefix, such as
// "tenant_cryptr_organization".
func (b *ResourceBase) TypeName() string { return "tenant_" + b.TypeSuffix }

// Metadata sets the resource type name.
func (b *ResourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.TypeSuffix
}

// Configure keeps the provider data. It runs before the provider is
// configured too (with nil data), which is not an error.
func (b *ResourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Data = providerData(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBase implements Metadata and Configure for a data source.
type DataSourceBase struct {
	// TypeSuffix is the data source type name without the provider prefix.
	TypeSuffix string
	// Data is the provider data, set by Configure.
	Data *ProviderData
}

// Metadata sets the data source type name.
func (b *DataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + b.TypeSuffix
}

// Configure keeps the provider data.
func (b *DataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.Data = providerData(req.ProviderData, &resp.Diagnostics)
}

func providerData(raw any, diags *diag.Diagnostics) *ProviderData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*ProviderData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *fwkit.ProviderData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}
