package cryptr

import (
	"net/http"
	"slices"

	"github.com/tenantops/terraform-provider-tenant/internal/emulator/httpjson"
)

const (
	defaultPerPage = 10
	maxPerPage     = 100
)

// pagination is the "pagination" object of a List.
type pagination struct {
	CurrentPage  int   `json:"current_page"`
	CurrentPages []int `json:"current_pages"`
	NextPage     *int  `json:"next_page"`
	PerPage      int   `json:"per_page"`
	PrevPage     *int  `json:"prev_page"`
	TotalPages   int   `json:"total_pages"`
}

// listJSON is the List envelope of every list endpoint.
type listJSON[T any] struct {
	Type       string     `json:"__type__"`
	Data       []T        `json:"data"`
	Pagination pagination `json:"pagination"`
	Total      int        `json:"total"`
}

// pageParams reads page (or current_page) and per_page, clamped.
func pageParams(p params) (page, perPage int) {
	return p.positiveInt(1, "page", "current_page"), min(p.positiveInt(defaultPerPage, "per_page"), maxPerPage)
}

// writePage answers one page of items, which the caller has already
// filtered and sorted (newest first, as every Cryptr list is).
func writePage[T any](w http.ResponseWriter, page, perPage int, items []T) {
	total := len(items)
	data := []T{}
	if page-1 < (total+perPage-1)/perPage { // the page has items; also guards (page-1)*perPage against overflow
		start := (page - 1) * perPage
		data = append(data, items[start:min(total, start+perPage)]...)
	}
	httpjson.Write(w, http.StatusOK, listJSON[T]{Type: "List", Data: data, Pagination: paginate(page, perPage, total), Total: total})
}

// handleListOrganizations serves GET /api/v2/organizations: live
// organizations, newest first, optionally filtered by environment status.
func (s *Service) handleListOrganizations(w http.ResponseWriter, r *http.Request) {
	p, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	page, perPage := pageParams(p)
	statuses, filtered := p.list("q[environments_status_in]")

	s.mu.Lock()
	now, delay := s.now(), s.opts.ProvisioningDelay
	var orgs []*organization
	for _, o := range s.orgs {
		if o.deleted {
			continue
		}
		// Both environments share one status, so "any environment
		// matches" reduces to that status being in the set.
		if filtered && !slices.Contains(statuses, o.envStatus(now, delay)) {
			continue
		}
		orgs = append(orgs, o)
	}
	slices.SortFunc(orgs, func(a, b *organization) int {
		if c := b.createdAt.Compare(a.createdAt); c != 0 {
			return c
		}
		return int(b.seq - a.seq)
	})
	data := make([]orgJSON, 0, len(orgs))
	for _, o := range orgs {
		data = append(data, o.toJSON(now, delay))
	}
	s.mu.Unlock()
	writePage(w, page, perPage, data)
}

// paginate computes the pagination object; total_pages is at least 1 and
// current_pages lists every page number.
func paginate(page, perPage, total int) pagination {
	pages := max(1, (total+perPage-1)/perPage)
	pg := pagination{CurrentPage: page, PerPage: perPage, TotalPages: pages}
	for i := 1; i <= pages; i++ {
		pg.CurrentPages = append(pg.CurrentPages, i)
	}
	if page < pages {
		n := page + 1
		pg.NextPage = &n
	}
	if page > 1 {
		n := min(page-1, pages)
		pg.PrevPage = &n
	}
	return pg
}
