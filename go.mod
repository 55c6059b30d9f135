module casetrack

go 1.26.8

require (
	github.com/PuerkitoBio/goquery v1.13.0
	github.com/gocarina/gocsv v0.0.0-20240520201108-78e41c74b4b1
	golang.org/x/net v0.58.0
)

require github.com/andybalholm/cascadia v1.3.4 // indirect
