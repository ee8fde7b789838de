// mlib-bench: micro-benchmarks of mlib's parts that need no library file
// (vector search, the inference engine). `make bench` runs it; see BENCHMARKS.md.
print("usage: mlib-bench knn|embed …")
