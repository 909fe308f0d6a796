package warc_test

import (
	"errors"
	"fmt"
	"log"
	"maps"
	"net/url"
	"slices"

	"github.com/iomparse/iomparse/cmd/warc"
)

// A caller reads an archive's pages, names them by offset, and counts
// what it skipped and why.
func Example() {
	const path = "testdata/crawl.warc.gz"
	r, err := warc.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	skipped := map[warc.Reason]int{}
	for it, err := range r.All() {
		var re *warc.RecordError
		switch {
		case errors.As(err, &re):
			fmt.Printf("%s: %v\n", it.Name(path), re.Err) // reading goes on
		case err != nil:
			log.Fatal(err) // the archive could not be read on
		case it.Reason != "":
			skipped[it.Reason]++
		case it.Charset == "windows-1252":
			u, _ := url.Parse(it.TargetURI) // the crawl's server had a port of its own
			fmt.Printf("page %s: %d bytes in %s\n", u.Path, len(it.Body), it.Charset)
		}
	}
	for _, reason := range slices.Sorted(maps.Keys(skipped)) {
		fmt.Printf("skipped %s: %d\n", reason, skipped[reason])
	}
	// Output:
	// page /html/maroc-cp1252.html: 3067 bytes in windows-1252
	// skipped http-status: 2
	// skipped metadata: 1
	// skipped not-a-page: 4
	// skipped request: 15
	// skipped warcinfo: 1
}
