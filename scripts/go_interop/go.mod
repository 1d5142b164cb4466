module gojar

go 1.19

require golang.org/x/net v0.7.0

replace golang.org/x/net => ./xnet
