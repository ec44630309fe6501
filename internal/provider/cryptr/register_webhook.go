package cryptr

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// webhookResources lists the resources of webhooks and webhook events.
func webhookResources() []func() resource.Resource {
	return []func() resource.Resource{NewWebhookResource}
}

// webhookDataSources lists the data sources of webhooks and webhook events.
func webhookDataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{NewWebhookDataSource, NewWebhooksDataSource, NewWebhookEventsDataSource}
}
