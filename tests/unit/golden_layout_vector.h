// The golden vector of spec 02 §4.6, a DataLayout using every kind of piece: its description as
// the reference writer stores it, and a block of it. Shared by the DataLayout and printer tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "vrsx/data_layout.h"

namespace vrsx::testing {

inline const char* const kGoldenLayoutJson =
    R"({"data_layout":[{"name":"u32","type":"DataPieceValue<uint32_t>","offset":0,"tags":{"description":"a u32","unit":"ms"},"required":true,"properties":{"max":100,"min":1}},{"name":"i8","type":"DataPieceValue<int8_t>","offset":4,"default":-3},{"name":"flag","type":"DataPieceValue<Bool>","offset":5},{"name":"ch","type":"DataPieceValue<char>","offset":6},{"name":"f","type":"DataPieceValue<float>","offset":7,"default":0.25,"properties":{"min":-1.0}},{"name":"d","type":"DataPieceValue<double>","offset":11},{"name":"ts","type":"DataPieceValue<double>","offset":19},{"name":"p3","type":"DataPieceValue<Point3Df>","offset":27},{"name":"m2","type":"DataPieceValue<Matrix2Di>","offset":39},{"name":"arr","type":"DataPieceArray<uint16_t>","offset":55,"size":3},{"name":"farr","type":"DataPieceArray<float>","offset":61,"size":2,"default":[1.5,2.5]},{"name":"str","type":"DataPieceString","index":0,"required":true,"default":"dflt"},{"name":"vec","type":"DataPieceVector<int32_t>","index":1,"default":[7,8]},{"name":"svec","type":"DataPieceVector<string>","index":2},{"name":"imap","type":"DataPieceStringMap<int32_t>","index":3,"default":{"a":1}},{"name":"smap","type":"DataPieceStringMap<string>","index":4},{"name":"empty","type":"DataPieceString","index":5},{"name":"pvec","type":"DataPieceVector<Point2Dd>","index":6}]})";

inline const char* const kGoldenBlockHex =
    "2a000000fb0141cdcccc3d555555555555d53fb4e6070084d7d7410000803f00"
    "002040000040c0010000000200000003000000040000000a0014000000000000"
    "00000000000000000005000000050000000c0000001100000015000000260000"
    "001200000038000000160000004e000000000000004e0000001000000068656c"
    "6c6f01000000feffffff03000000030000000200000061620000000003000000"
    "6364650100000061ffffffff010000007805000000020000006b300000000002"
    "0000006b31020000007631000000000000f03f0000000000000040";

inline std::vector<uint8_t> FromHex(std::string_view hex) {
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(uint8_t(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return bytes;
}

inline DataLayoutDefinition ParseOrFail(const std::string& json) {
  DataLayoutDefinition layout;
  Status status = DataLayoutDefinition::Parse(json, layout);
  INFO(status.message());
  REQUIRE(status.ok());
  return layout;
}

}  // namespace vrsx::testing
