"""The text stages: decode bytes, detect and convert script, normalize, map offsets, segment."""
