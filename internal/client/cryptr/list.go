package cryptr

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tenantops/terraform-provider-tenant/internal/client/httpclient"
)

// defaultPerPage is the page size the client asks for.
const defaultPerPage = 50

// maxListPages bounds pagination so that a server that keeps answering a
// next page cannot loop forever.
const maxListPages = 10000

// page is the List envelope of every Cryptr list endpoint.
type page[T any] struct {
	Data       []T `json:"data"`
	Pagination struct {
		CurrentPage int  `json:"current_page"`
		NextPage    *int `json:"next_page"`
		TotalPages  int  `json:"total_pages"`
	} `json:"pagination"`
	Total int `json:"total"`
}

// listAll follows every page of a list endpoint. query may carry filters;
// key returns an item's identity, used to drop the duplicates a newest-first
// list shows when an object is created while it is being read.
func listAll[T any](ctx context.Context, api *httpclient.Client, path string, query url.Values, perPage int, key func(T) string) ([]T, error) {
	if perPage <= 0 {
		perPage = defaultPerPage
	}
	var all []T
	seen := map[string]bool{}
	for n := 1; n <= maxListPages; n++ {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		q.Set("page", strconv.Itoa(n))
		q.Set("per_page", strconv.Itoa(perPage))
		var out page[T]
		if _, err := api.Do(ctx, httpclient.Request{Method: http.MethodGet, Path: path, Query: q, Result: &out}); err != nil {
			return nil, err
		}
		for _, item := range out.Data {
			if k := key(item); !seen[k] {
				seen[k] = true
				all = append(all, item)
			}
		}
		if out.Pagination.NextPage == nil || *out.Pagination.NextPage <= n || len(out.Data) == 0 {
			return all, nil
		}
		n = *out.Pagination.NextPage - 1
	}
	return nil, fmt.Errorf("Cryptr API: %s did not end after %d pages", path, maxListPages)
}

// orgPath returns /api/v2/org/{domain}/{rest}, the root of an
// organization's objects.
func orgPath(domain, rest string) string {
	return "/api/v2/org/" + url.PathEscape(domain) + "/" + rest
}
