// gojar replays cookie scenarios (the cookiejar crate's scenario format v1,
// docs/scenario-format.md) through Go's net/http/cookiejar with
// golang.org/x/net/publicsuffix, and prints, per scenario, the Cookie
// header Go would send at each request step.
//
// Usage: gojar [-selfcheck] FILE...   (JSON lines, or one JSON object a file)
//
// Output: one JSON object a scenario, in input order:
//
//	{"file":F,"line":N,"id":ID,"skip":REASON,"headers":[...],"wire":[...]}
//
// headers[i] is "name=value; name2=value2" joined from jar.Cookies(u) in
// the order Go returns them ("" for none); wire[i] is what net/http's
// client would really put on the wire (req.AddCookie, which sanitizes and
// re-quotes values). skip is non-empty for scenarios not replayed (mode is
// not rfc6265, or the policy has switches Go's jar has no equivalent for).
//
// Time: Go's Jar reads time.Now(); the package in ./goj is GOROOT's jar.go
// copied verbatim with two exported wrappers around its own
// setCookies(u, cs, now) / cookies(u, now), so the scenario's virtual clock
// (start + advances) is used exactly. -selfcheck also runs every scenario
// without advance steps and Expires attributes through the real standard
// library jar and reports any disagreement on stderr.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	stdjar "net/http/cookiejar"
	"net/url"
	"os"
	"strings"
	"time"

	cookiejar "gojar/goj"

	"golang.org/x/net/publicsuffix"
)

type Step struct {
	Op         string   `json:"op"`
	URL        string   `json:"url"`
	SetCookie  []string `json:"set_cookie"`
	SetCookie2 []string `json:"set_cookie2"`
	Expect     *string  `json:"expect"`
	Seconds    float64  `json:"seconds"`
}

type Scenario struct {
	ID     json.RawMessage        `json:"id"`
	Policy map[string]interface{} `json:"policy"`
	Start  *float64               `json:"start"`
	Steps  []Step                 `json:"steps"`
}

type Result struct {
	File    string          `json:"file"`
	Line    int             `json:"line"`
	ID      json.RawMessage `json:"id,omitempty"`
	Skip    string          `json:"skip,omitempty"`
	Headers []string        `json:"headers"`
	Wire    []string        `json:"wire"`
	Notes   []string        `json:"notes,omitempty"`
}

func parseSetCookies(lines []string) []*http.Cookie {
	h := http.Header{}
	for _, l := range lines {
		h.Add("Set-Cookie", l)
	}
	return (&http.Response{Header: h}).Cookies()
}

func join(cs []*http.Cookie) string {
	parts := make([]string, 0, len(cs))
	for _, c := range cs {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; ")
}

func wire(cs []*http.Cookie) string {
	req, _ := http.NewRequest("GET", "http://x/", nil)
	for _, c := range cs {
		req.AddCookie(c)
	}
	return req.Header.Get("Cookie")
}

func skipReason(sc *Scenario) string {
	mode, _ := sc.Policy["mode"].(string)
	if mode == "" {
		mode = "rfc6265"
	}
	if mode != "rfc6265" {
		return "mode " + mode
	}
	for k, v := range sc.Policy {
		switch k {
		case "mode":
		case "blocked_domains":
			if a, ok := v.([]interface{}); ok && len(a) == 0 || v == nil {
				continue
			}
			return "policy " + k
		case "allowed_domains":
			if v == nil {
				continue
			}
			return "policy " + k
		default:
			return "policy " + k
		}
	}
	return ""
}

func run(sc *Scenario) (headers, wires, notes []string) {
	jar, _ := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	start := 1700000000.0
	if sc.Start != nil {
		start = *sc.Start
	}
	now := time.Unix(0, 0).Add(time.Duration(start * float64(time.Second))).UTC()
	for i, st := range sc.Steps {
		switch st.Op {
		case "response":
			u, err := url.Parse(st.URL)
			if err != nil {
				notes = append(notes, fmt.Sprintf("step %d: url: %v", i, err))
				continue
			}
			jar.SetCookiesAt(u, parseSetCookies(st.SetCookie), now)
		case "request":
			u, err := url.Parse(st.URL)
			if err != nil {
				notes = append(notes, fmt.Sprintf("step %d: url: %v", i, err))
				headers = append(headers, "")
				wires = append(wires, "")
				continue
			}
			cs := jar.CookiesAt(u, now)
			headers = append(headers, join(cs))
			wires = append(wires, wire(cs))
		case "advance":
			now = now.Add(time.Duration(st.Seconds * float64(time.Second)))
		}
	}
	return
}

// runReal replays with the unmodified standard-library jar and the real
// clock; only meaningful for scenarios whose outcome does not depend on
// the clock.
func runReal(sc *Scenario) []string {
	jar, _ := stdjar.New(&stdjar.Options{PublicSuffixList: publicsuffix.List})
	var out []string
	for _, st := range sc.Steps {
		u, err := url.Parse(st.URL)
		switch st.Op {
		case "response":
			if err == nil {
				jar.SetCookies(u, parseSetCookies(st.SetCookie))
			}
		case "request":
			if err != nil {
				out = append(out, "")
			} else {
				out = append(out, join(jar.Cookies(u)))
			}
		}
	}
	return out
}

func clockFree(sc *Scenario) bool {
	for _, st := range sc.Steps {
		if st.Op == "advance" {
			return false
		}
		for _, l := range st.SetCookie {
			if strings.Contains(strings.ToLower(l), "expires") {
				return false
			}
		}
	}
	return true
}

func main() {
	selfcheck := flag.Bool("selfcheck", false, "compare with the real stdlib jar on clock-free scenarios")
	flag.Parse()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	checked, disagreed := 0, 0
	for _, path := range flag.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		var lines []string
		trimmed := strings.TrimSpace(string(data))
		if strings.HasSuffix(path, ".json") {
			lines = []string{trimmed}
		} else {
			lines = strings.Split(string(data), "\n")
		}
		for n, l := range lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			var sc Scenario
			if err := json.Unmarshal([]byte(l), &sc); err != nil {
				fmt.Fprintf(os.Stderr, "%s:%d: %v\n", path, n+1, err)
				os.Exit(2)
			}
			r := Result{File: path, Line: n + 1, ID: sc.ID, Headers: []string{}, Wire: []string{}}
			if r.Skip = skipReason(&sc); r.Skip == "" {
				r.Headers, r.Wire, r.Notes = run(&sc)
				if *selfcheck && clockFree(&sc) {
					checked++
					real := runReal(&sc)
					if strings.Join(real, "\n") != strings.Join(r.Headers, "\n") {
						disagreed++
						fmt.Fprintf(os.Stderr, "selfcheck %s:%d: vendored %q real %q\n", path, n+1, r.Headers, real)
					}
				}
			}
			enc.Encode(r)
		}
	}
	if *selfcheck {
		fmt.Fprintf(os.Stderr, "selfcheck: %d clock-free scenarios, %d disagreements\n", checked, disagreed)
	}
}
