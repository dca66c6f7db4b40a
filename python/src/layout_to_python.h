// A DataLayout block as a dict of Python values, keyed by field label (pyvrs's metadata_blocks).
#pragma once

#include <pybind11/pybind11.h>

#include <vector>

#include "vrsx/data_layout.h"

namespace vrsx::python {

// Values: scalars as int/float/bool, points and matrices as tuples, arrays and vectors as lists,
// strings as str (invalid UTF-8 replaced), string maps as dicts. A field whose data is missing
// from the block gets its default (zeros, empty) as §5.4 reads it.
// `labels`, when given, holds the pieces' labels as Python strings (made once per layout).
pybind11::dict LayoutBlockToDict(const DataLayoutBlock& block,
                                 const std::vector<pybind11::object>* labels = nullptr);
// The pieces' labels of `block`'s layout as Python strings, for LayoutBlockToDict.
std::vector<pybind11::object> LayoutLabels(const DataLayoutBlock& block);

}  // namespace vrsx::python
