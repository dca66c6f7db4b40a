// DataLayout elements (ints, floats, points, matrices) to and from Python values.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <span>
#include <vector>

#include "vrsx/data_layout.h"

namespace vrsx::python {

// One element: bool, int, float, a tuple for a point, a tuple of tuples for a matrix.
pybind11::object ElementToPython(ElementType type, const uint8_t* bytes);
// Whole elements of `bytes` as a list.
pybind11::list ElementsToPython(ElementType type, std::span<const uint8_t> bytes);
// Appends the little-endian encoding of `value` as one element; TypeError/ValueError when it
// does not fit (a matrix may be N sequences of N or one flat sequence of N*N).
void AppendElement(ElementType type, pybind11::handle value, std::vector<uint8_t>& out);

}  // namespace vrsx::python
