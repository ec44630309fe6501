package cyrisma

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// MFA method codes of the API.
const (
	MFANone          = "0"
	MFAEmail         = "1"
	MFAAuthenticator = "2"
)

// Instance is an organization or a customer (standard) instance.
type Instance struct {
	InstanceID        string `json:"instance_id"`
	Name              string `json:"name"`
	ShortName         string `json:"short_name"`
	ParentID          string `json:"parent_id"`
	Hierarchy         string `json:"hierarchy"`
	InstanceType      string `json:"instance_type"`
	IsConsulting      bool   `json:"is_consulting"`
	NumberOfEndpoints int    `json:"number_of_endpoints"`
	URL               string `json:"url"`
	TenantID          string `json:"tenant_id"`
	AgentKey          string `json:"agent_key"`
	MFA               string `json:"mfa"`
	// Enabled is 0 for a suspended instance, 1 otherwise. The reference's
	// instance schema has no such field: GetInstance fills it in from the
	// full listing (see ListingTTL) when the answer does not carry it.
	Enabled *int `json:"enabled"`
}

// Suspended reports whether the instance is suspended.
func (i *Instance) Suspended() bool { return i.Enabled != nil && *i.Enabled == 0 }

// CreateInstanceInput holds the fields of a new instance.
type CreateInstanceInput struct {
	InstanceType     string
	IsConsulting     bool
	ParentInstanceID string
	Name             string
	ShortName        string
	Country          string
	Email            string
	MFAType          string
	TenantID         string
	State            string
	City             string
	Postal           string
	Street           string
}

func (in CreateInstanceInput) form() url.Values {
	form := url.Values{
		"instance_type":      {in.InstanceType},
		"is_consulting":      {strconv.FormatBool(in.IsConsulting)},
		"parent_instance_id": {in.ParentInstanceID},
		"name":               {in.Name},
		"short_name":         {in.ShortName},
		"country":            {in.Country},
		"email":              {in.Email},
	}
	for key, value := range map[string]string{"mfa_type": in.MFAType, "tenant_id": in.TenantID, "state": in.State, "city": in.City, "postal": in.Postal, "street": in.Street} {
		if value != "" {
			form.Set(key, value)
		}
	}
	return form
}

// CreatedInstance is the answer to a provisioning request.
type CreatedInstance struct {
	InstanceID string `json:"instance_id"`
	AgentKey   string `json:"agent_key"`
}

// CreateInstance provisions a new instance. Provisioning is asynchronous: use
// WaitInstanceReadable before reading it. The request is never repeated
// blindly: when its outcome is unknown, the instance is looked up by short
// name under its parent (as the vendor's own SDK finds instances), waiting up
// to the client's LookupWait for a provisioning instance to appear, before
// the create is sent again.
//
// The API would make a second instance with the same short name under the
// same parent, so one is looked up first: found, the create is not sent and
// the error is an *httpclient.ExistsError holding it (a killed run is never
// followed by a duplicate).
func (c *Client) CreateInstance(ctx context.Context, in CreateInstanceInput) (*CreatedInstance, error) {
	// Whatever the outcome, the structure may hold a new instance: a
	// listing from before would take it for a suspended one.
	defer c.listing.invalidate()
	natural := httpclient.NaturalKey{Service: "Cyrisma", Kind: "instance",
		Key: fmt.Sprintf("short_name %q under parent %s", in.ShortName, in.ParentInstanceID), CheckFirst: true}
	return httpclient.CreateUnlessExists(ctx, c.api, natural, func(ctx context.Context) (*CreatedInstance, error) {
		return c.createInstanceOnce(ctx, in)
	}, func(ctx context.Context) (*CreatedInstance, bool, error) {
		return c.findLiveInstance(ctx, in.ShortName, in.ParentInstanceID)
	})
}

// findLiveInstance looks, in one listing, for a live instance with this
// short name under parentID.
func (c *Client) findLiveInstance(ctx context.Context, shortName, parentID string) (*CreatedInstance, bool, error) {
	list, err := c.ListInstances(ctx)
	if err != nil {
		return nil, false, err
	}
	for _, inst := range list {
		if inst.ShortName == shortName && inst.ParentID == parentID {
			return &CreatedInstance{InstanceID: inst.InstanceID, AgentKey: inst.AgentKey}, true, nil
		}
	}
	return nil, false, nil
}

// createInstanceOnce sends the create through httpclient.CreateOnce.
func (c *Client) createInstanceOnce(ctx context.Context, in CreateInstanceInput) (*CreatedInstance, error) {
	return httpclient.CreateOnce(ctx, c.api, func(ctx context.Context) (*CreatedInstance, error) {
		var out CreatedInstance
		_, err := c.api.Do(ctx, httpclient.Request{Method: http.MethodPost, Path: "/partner/instances/create", Form: in.form(), Result: &out})
		return &out, err
	}, func(ctx context.Context) (*CreatedInstance, bool, error) {
		return c.findNewInstance(ctx, in.ShortName, in.ParentInstanceID)
	})
}

// findNewInstance polls the listing, for up to the client's LookupWait, for
// an instance with this short name under parentID.
func (c *Client) findNewInstance(ctx context.Context, shortName, parentID string) (*CreatedInstance, bool, error) {
	waitCtx, cancel := context.WithTimeout(ctx, c.lookupWait)
	defer cancel()
	var found *CreatedInstance
	err := httpclient.Poll(waitCtx, lookupPollInterval, func(ctx context.Context) (bool, error) {
		inst, ok, err := c.findLiveInstance(ctx, shortName, parentID)
		if ok {
			found = inst
		}
		return ok, err
	})
	switch {
	case found != nil:
		return found, true, nil
	case ctx.Err() == nil && (waitCtx.Err() != nil || errors.Is(err, context.DeadlineExceeded)):
		// Waited long enough (or the rate limiter's next turn would come
		// after the wait's end): it was not made.
		return nil, false, nil
	}
	return nil, false, err
}

// lookupPollInterval is how often findNewInstance lists the instances.
const lookupPollInterval = time.Second

// WaitInstanceReadable polls until a new instance can be read or ctx ends.
// The instance is new: provisioning makes active instances (only a suspend
// call suspends one), so unless the API reports otherwise it is returned
// active without a full listing, which would cost one per new instance
// (each create discards the shared one).
func (c *Client) WaitInstanceReadable(ctx context.Context, id string, interval time.Duration) (*Instance, error) {
	var inst *Instance
	err := httpclient.Poll(ctx, interval, func(ctx context.Context) (bool, error) {
		var err error
		inst, _, err = c.readInstance(ctx, id)
		if httpclient.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	})
	if err == nil && inst.Enabled == nil {
		active := 1
		inst.Enabled = &active
	}
	return inst, err
}
