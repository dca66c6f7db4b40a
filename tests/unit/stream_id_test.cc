#include <catch2/catch.hpp>

#include "vrsx/stream_id.h"

using namespace vrsx;

TEST_CASE("Stream names") {
  StreamId camera{200, 1};
  CHECK(camera.NumericName() == "200-1");
  CHECK(camera.Name() == "Forward Camera Class #1");
  CHECK(StreamId{1201, 3}.Name() == "Camera Data (SLAM) #3");
  CHECK(StreamId{65502, 1}.Name() == "Sample Device #1");
  CHECK(RecordableTypeName(7) == "<Unknown device type '7'>");
  CHECK_FALSE(IsKnownRecordableType(7));
  CHECK(IsKnownRecordableType(386));
}

TEST_CASE("Stream ids parse from the strict numeric form only") {
  CHECK(StreamId::FromNumericName("214-12") == StreamId{214, 12});
  CHECK_FALSE(StreamId::FromNumericName("214+1"));
  CHECK_FALSE(StreamId::FromNumericName("214-"));
  CHECK_FALSE(StreamId::FromNumericName("-1"));
  CHECK_FALSE(StreamId::FromNumericName("214-1x"));
  CHECK_FALSE(StreamId::FromNumericName("70000-1"));
}

TEST_CASE("Stream ids order by type, then instance") {
  CHECK(StreamId{100, 9} < StreamId{200, 1});
  CHECK(StreamId{200, 1} < StreamId{200, 2});
}

TEST_CASE("Record type names") {
  CHECK(std::string(RecordTypeName(RecordType::kConfiguration)) == "Configuration");
  CHECK(std::string(RecordTypeName(RecordType::kState)) == "State");
  CHECK(std::string(RecordTypeName(RecordType::kData)) == "Data");
  CHECK(std::string(RecordTypeName(RecordType::kTags)) == "Tags");
  CHECK(std::string(RecordTypeName(RecordType(9))) == "Undefined");
}
