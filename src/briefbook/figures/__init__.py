"""The book's figures: a timeline and an actor chart, drawn from the book's own data.

Sphinx-free, in three steps that are each plain functions:

* :mod:`.bookdata` derives each figure's data from the book model (dated events and their
  source numbers, periods, actors and their ties);
* :mod:`.timeline` and :mod:`.actors` lay that data out as a :class:`~.drawing.Drawing`:
  boxes, lines and labels in points, every label measured with the font the PDF sets it in
  (:mod:`.metrics`) and placed so that no two overlap;
* :mod:`.svg` and :mod:`.tikz` write one drawing as inline SVG for the web page and as a TikZ
  picture for the PDF, so screen and print show the same figure.

Between the generator and the Sphinx side, :mod:`.pagedata` writes a figure's data as the rows
its page holds and reads them back.

Every step is deterministic: the same data gives byte-identical SVG and TikZ.
"""
