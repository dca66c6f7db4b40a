#include "element_values.h"

#include <limits>
#include <string>

#include "status_exception.h"

namespace py = pybind11;

namespace vrsx::python {

namespace {

py::object ScalarToPython(ElementType scalar, const uint8_t* bytes) {
  switch (scalar) {
    case ElementType::kBool:
      return py::bool_(LoadElement<bool>(bytes));
    case ElementType::kChar:
      return py::int_(LoadElement<int8_t>(bytes));
    case ElementType::kInt8:
      return py::int_(LoadElement<int8_t>(bytes));
    case ElementType::kUInt8:
      return py::int_(LoadElement<uint8_t>(bytes));
    case ElementType::kInt16:
      return py::int_(LoadElement<int16_t>(bytes));
    case ElementType::kUInt16:
      return py::int_(LoadElement<uint16_t>(bytes));
    case ElementType::kInt32:
      return py::int_(LoadElement<int32_t>(bytes));
    case ElementType::kUInt32:
      return py::int_(LoadElement<uint32_t>(bytes));
    case ElementType::kInt64:
      return py::int_(LoadElement<int64_t>(bytes));
    case ElementType::kUInt64:
      return py::int_(LoadElement<uint64_t>(bytes));
    case ElementType::kFloat:
      return py::float_(LoadElement<float>(bytes));
    case ElementType::kDouble:
      return py::float_(LoadElement<double>(bytes));
    default:
      return py::none();
  }
}

template <typename T>
T IntegerFrom(py::handle value) {
  if (py::isinstance<py::float_>(value)) ThrowTypeError("expected an integer, got a float");
  py::int_ number = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
  if (!number) throw py::error_already_set();
  if constexpr (std::is_signed_v<T>) {
    long long v = PyLong_AsLongLong(number.ptr());
    if (PyErr_Occurred()) throw py::error_already_set();
    if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
      ThrowValueError("integer " + std::to_string(v) + " out of range");
    }
    return static_cast<T>(v);
  } else {
    unsigned long long v = PyLong_AsUnsignedLongLong(number.ptr());
    if (PyErr_Occurred()) throw py::error_already_set();
    if (v > std::numeric_limits<T>::max()) {
      ThrowValueError("integer " + std::to_string(v) + " out of range");
    }
    return static_cast<T>(v);
  }
}

double FloatFrom(py::handle value) {
  if (py::isinstance<py::str>(value) || py::isinstance<py::bytes>(value)) {
    ThrowTypeError("expected a number, got a string");
  }
  double v = PyFloat_AsDouble(value.ptr());
  if (v == -1.0 && PyErr_Occurred()) throw py::error_already_set();
  return v;
}

template <typename T>
void Append(const T& value, std::vector<uint8_t>& out) {
  size_t at = out.size();
  out.resize(at + EncodedElementSize<T>());
  StoreElement(value, out.data() + at);
}

void AppendScalar(ElementType scalar, py::handle value, std::vector<uint8_t>& out) {
  switch (scalar) {
    case ElementType::kBool:
      return Append<bool>(PyObject_IsTrue(value.ptr()) == 1, out);
    case ElementType::kChar:
      return Append<int8_t>(IntegerFrom<int8_t>(value), out);
    case ElementType::kInt8:
      return Append(IntegerFrom<int8_t>(value), out);
    case ElementType::kUInt8:
      return Append(IntegerFrom<uint8_t>(value), out);
    case ElementType::kInt16:
      return Append(IntegerFrom<int16_t>(value), out);
    case ElementType::kUInt16:
      return Append(IntegerFrom<uint16_t>(value), out);
    case ElementType::kInt32:
      return Append(IntegerFrom<int32_t>(value), out);
    case ElementType::kUInt32:
      return Append(IntegerFrom<uint32_t>(value), out);
    case ElementType::kInt64:
      return Append(IntegerFrom<int64_t>(value), out);
    case ElementType::kUInt64:
      return Append(IntegerFrom<uint64_t>(value), out);
    case ElementType::kFloat:
      return Append(static_cast<float>(FloatFrom(value)), out);
    case ElementType::kDouble:
      return Append(FloatFrom(value), out);
    default:
      ThrowTypeError("not a scalar element type");
  }
}

py::list AsList(py::handle value, size_t expected, const char* what) {
  if (!py::isinstance<py::sequence>(value) && !py::hasattr(value, "__iter__")) {
    ThrowTypeError(std::string("expected a sequence for a ") + what);
  }
  py::list items(py::iter(value.cast<py::object>()).cast<py::object>());
  if (expected != 0 && items.size() != expected) {
    ThrowValueError(std::string("a ") + what + " needs " + std::to_string(expected) +
                    " values, got " + std::to_string(items.size()));
  }
  return items;
}

}  // namespace

py::object ElementToPython(ElementType type, const uint8_t* bytes) {
  const ElementTypeInfo& info = GetElementTypeInfo(type);
  if (info.components <= 1) return ScalarToPython(type, bytes);
  size_t scalar_size = ElementTypeSize(info.scalar);
  auto point = [&](const uint8_t* at) {
    py::tuple coordinates(info.dimension);
    for (size_t k = 0; k < info.dimension; ++k) {
      coordinates[k] = ScalarToPython(info.scalar, at + k * scalar_size);
    }
    return coordinates;
  };
  if (!info.matrix) return point(bytes);
  py::tuple rows(info.dimension);
  for (size_t r = 0; r < info.dimension; ++r)
    rows[r] = point(bytes + r * info.dimension * scalar_size);
  return rows;
}

py::list ElementsToPython(ElementType type, std::span<const uint8_t> bytes) {
  size_t size = ElementTypeSize(type);
  size_t count = size == 0 ? 0 : bytes.size() / size;
  py::list values(count);
  for (size_t i = 0; i < count; ++i) values[i] = ElementToPython(type, bytes.data() + i * size);
  return values;
}

void AppendElement(ElementType type, py::handle value, std::vector<uint8_t>& out) {
  const ElementTypeInfo& info = GetElementTypeInfo(type);
  if (info.components == 0) ThrowTypeError("string is not a fixed-size element type");
  if (info.components == 1) return AppendScalar(type, value, out);
  if (!info.matrix) {
    for (py::handle c : AsList(value, info.dimension, "point")) AppendScalar(info.scalar, c, out);
    return;
  }
  py::list rows = AsList(value, 0, "matrix");
  if (rows.size() == info.components) {  // flat
    for (py::handle c : rows) AppendScalar(info.scalar, c, out);
    return;
  }
  if (rows.size() != info.dimension) {
    ThrowValueError("a matrix needs " + std::to_string(info.dimension) + " rows");
  }
  for (py::handle row : rows) {
    for (py::handle c : AsList(row, info.dimension, "matrix row")) {
      AppendScalar(info.scalar, c, out);
    }
  }
}

}  // namespace vrsx::python
