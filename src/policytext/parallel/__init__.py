"""Many documents: pipe over texts in worker processes, and the resumable batch over a corpus."""
