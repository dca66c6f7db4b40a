// Expected text comes from spec 03 §2.8 and from golden outputs of the reference: whole
// documents are parsed and must print back byte for byte.
#include <cmath>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "tools/rendering/json_out.h"

using namespace vrsx::cli;
using Json = nlohmann::ordered_json;

namespace {

// shared/golden/expected/sample_file.vrs/json-description.json, without its newline.
const char* const kSampleFileDescription =
    R"golden({"file_name":"sample_file.vrs","file_chunks":["sample_file.vrs"],"file_size_short":"81.1 KiB","file_size":83038,"tags":{"capture_time_epoch":"1636165950","os_fingerprint":"MacOS 20.6.0","purpose":"sample_code"},"number_of_devices":3,"number_of_records":307,"start_time":1493865.286102026,"end_time":1493866.378280392,"devices":[{"recordable_name":"Generic Audio Stream","recordable_id":101,"instance_id":1,"recordable_flavor":"sample/audio","tags":{},"vrs_tag":{"RF:Data:1":"audio/pcm/int16le/channels=1/rate=44100","VRS_Original_Recordable_Name":"Generic Audio Stream","VRS_Recordable_Flavor":"sample/audio","VRS_Serial_Number":"0277a17dab5d2f1e"},"configuration":{"number_of_records":1,"start_time":1493865.286114446,"end_time":1493865.286114446},"state":{"number_of_records":1,"start_time":1493865.28611496,"end_time":1493865.28611496},"data":{"number_of_records":100,"start_time":1493865.297510391,"end_time":1493866.378280392},"stream_size":38564},{"recordable_name":"Forward Camera Class","recordable_id":200,"instance_id":1,"recordable_flavor":"sample/camera","tags":{},"vrs_tag":{"DL:Configuration:1:0":"{\"data_layout\":[{\"name\":\"image_width\",\"type\":\"DataPieceValue<uint32_t>\",\"offset\":0},{\"name\":\"image_height\",\"type\":\"DataPieceValue<uint32_t>\",\"offset\":4},{\"name\":\"image_pixel_format\",\"type\":\"DataPieceValue<uint32_t>\",\"offset\":8},{\"name\":\"camera_calibration\",\"type\":\"DataPieceVector<float>\",\"index\":0}]}","DL:Data:1:0":"{\"data_layout\":[{\"name\":\"exposure_time\",\"type\":\"DataPieceValue<uint64_t>\",\"offset\":0},{\"name\":\"exposure\",\"type\":\"DataPieceValue<float>\",\"offset\":8},{\"name\":\"frame_counter\",\"type\":\"DataPieceValue<uint64_t>\",\"offset\":12},{\"name\":\"camera_temperature\",\"type\":\"DataPieceValue<float>\",\"offset\":20}]}","RF:Configuration:1":"data_layout","RF:Data:1":"data_layout/size=24+image/raw","VRS_Original_Recordable_Name":"Forward Camera Class","VRS_Recordable_Flavor":"sample/camera","VRS_Serial_Number":"ba694566926a7501"},"configuration":{"number_of_records":1,"start_time":1493865.286118163,"end_time":1493865.286118163},"state":{"number_of_records":1,"start_time":1493865.286119817,"end_time":1493865.286119817},"data":{"number_of_records":101,"start_time":1493865.291049316,"end_time":1493866.372566421},"stream_size":35357},{"recordable_name":"Motion Data Class","recordable_id":372,"instance_id":1,"recordable_flavor":"sample/motion","tags":{},"vrs_tag":{"DL:Configuration:1:0":"{\"data_layout\":[{\"name\":\"some_motion_stream_param\",\"type\":\"DataPieceValue<double>\",\"offset\":0}]}","DL:Data:1:0":"{\"data_layout\":[{\"name\":\"motion_data\",\"type\":\"DataPieceVector<Matrix3Dd>\",\"index\":0}]}","RF:Configuration:1":"data_layout/size=8","RF:Data:1":"data_layout","VRS_Original_Recordable_Name":"Motion Data Class","VRS_Recordable_Flavor":"sample/motion","VRS_Serial_Number":"0ca61d03d3241224"},"configuration":{"number_of_records":1,"start_time":1493865.286102026,"end_time":1493865.286102026},"state":{"number_of_records":1,"start_time":1493865.286113804,"end_time":1493865.286113804},"data":{"number_of_records":100,"start_time":1493865.297490512,"end_time":1493866.378203255},"stream_size":6034}]})golden";

// stdout of the "json-pretty" case of cli-cases.json (json-pretty-description gen-lz4fast.vrs).
const char* const kLz4FastPrettyDescription = R"golden({
    "file_name": "gen-lz4fast.vrs",
    "file_chunks": [
        "gen-lz4fast.vrs"
    ],
    "file_size_short": "116 KiB",
    "file_size": 118861,
    "tags": {
        "capture_time_epoch": "1700000000",
        "purpose": "golden"
    },
    "number_of_devices": 3,
    "number_of_records": 136,
    "start_time": 999.99,
    "end_time": 1000.66,
    "devices": [
        {
            "recordable_name": "Generic Audio Stream",
            "recordable_id": 101,
            "instance_id": 1,
            "recordable_flavor": "test/audio",
            "tags": {},
            "vrs_tag": {
                "RF:Data:1": "audio/pcm/int16le/channels=2/rate=48000",
                "VRS_Original_Recordable_Name": "Generic Audio Stream",
                "VRS_Recordable_Flavor": "test/audio",
                "VRS_Serial_Number": "fdc16a0e-621d-49b9-a717-356de99b10ae"
            },
            "configuration": {
                "number_of_records": 1,
                "start_time": 999.99,
                "end_time": 999.99
            },
            "state": {
                "number_of_records": 1,
                "start_time": 999.99,
                "end_time": 999.99
            },
            "data": {
                "number_of_records": 10,
                "start_time": 1000.001,
                "end_time": 1000.601
            },
            "stream_size": 41344
        },
        {
            "recordable_name": "Forward Camera Class",
            "recordable_id": 200,
            "instance_id": 1,
            "recordable_flavor": "test/camera",
            "tags": {
                "serial_number": "CAM-0001"
            },
            "vrs_tag": {
                "DL:Configuration:1:0": "{\"data_layout\":[{\"name\":\"image_width\",\"type\":\"DataPieceValue<uint32_t>\",\"offset\":0},{\"name\":\"image_height\",\"type\":\"DataPieceValue<uint32_t>\",\"offset\":4},{\"name\":\"image_pixel_format\",\"type\":\"DataPieceValue<uint32_t>\",\"offset\":8},{\"name\":\"camera_calibration\",\"type\":\"DataPieceVector<float>\",\"index\":0},{\"name\":\"camera_model\",\"type\":\"DataPieceString\",\"index\":1}]}",
                "DL:Data:1:0": "{\"data_layout\":[{\"name\":\"exposure_time\",\"type\":\"DataPieceValue<uint64_t>\",\"offset\":0},{\"name\":\"exposure\",\"type\":\"DataPieceValue<float>\",\"offset\":8},{\"name\":\"frame_counter\",\"type\":\"DataPieceValue<uint64_t>\",\"offset\":12},{\"name\":\"camera_temperature\",\"type\":\"DataPieceValue<float>\",\"offset\":20},{\"name\":\"capture_timestamp\",\"type\":\"DataPieceValue<double>\",\"offset\":24}]}",
                "RF:Configuration:1": "data_layout",
                "RF:Data:1": "data_layout/size=32+image/raw",
                "VRS_Original_Recordable_Name": "Forward Camera Class",
                "VRS_Recordable_Flavor": "test/camera",
                "VRS_Serial_Number": "b03aba97-9ee4-4593-954c-76ed4015bf7a"
            },
            "configuration": {
                "number_of_records": 1,
                "start_time": 999.99,
                "end_time": 999.99
            },
            "state": {
                "number_of_records": 1,
                "start_time": 999.99,
                "end_time": 999.99
            },
            "data": {
                "number_of_records": 20,
                "start_time": 1000.0,
                "end_time": 1000.6333333333333
            },
            "stream_size": 62304
        },
        {
            "recordable_name": "IMU Data Class",
            "recordable_id": 241,
            "instance_id": 1,
            "recordable_flavor": "test/imu",
            "tags": {
                "serial_number": "IMU-0042"
            },
            "vrs_tag": {
                "DL:Configuration:1:0": "{\"data_layout\":[{\"name\":\"nominal_rate_hz\",\"type\":\"DataPieceValue<double>\",\"offset\":0},{\"name\":\"sensor_info\",\"type\":\"DataPieceStringMap<string>\",\"index\":0}]}",
                "DL:Data:1:0": "{\"data_layout\":[{\"name\":\"capture_timestamp_ns\",\"type\":\"DataPieceValue<int64_t>\",\"offset\":0},{\"name\":\"accelerometer\",\"type\":\"DataPieceValue<Point3Df>\",\"offset\":8},{\"name\":\"gyroscope\",\"type\":\"DataPieceValue<Point3Df>\",\"offset\":20},{\"name\":\"temperature\",\"type\":\"DataPieceValue<float>\",\"offset\":32},{\"name\":\"raw_counts\",\"type\":\"DataPieceArray<int32_t>\",\"offset\":36,\"size\":6},{\"name\":\"extra\",\"type\":\"DataPieceVector<double>\",\"index\":0}]}",
                "RF:Configuration:1": "data_layout",
                "RF:Data:1": "data_layout",
                "VRS_Original_Recordable_Name": "IMU Data Class",
                "VRS_Recordable_Flavor": "test/imu",
                "VRS_Serial_Number": "aa20b80b-c622-4096-ad1f-32b5c5754324"
            },
            "configuration": {
                "number_of_records": 1,
                "start_time": 999.99,
                "end_time": 999.99
            },
            "state": {
                "number_of_records": 1,
                "start_time": 999.99,
                "end_time": 999.99
            },
            "data": {
                "number_of_records": 100,
                "start_time": 1000.0,
                "end_time": 1000.66
            },
            "stream_size": 11314
        }
    ]
})golden";

// A line of shared/golden/expected/gen-zmedium-async.vrs/print-json.jsons: float values
// widened to double need the closest 17-digit form (0.0010000000474974513, not ...514).
const char* const kImuDataLayout =
    R"golden({"data_layout":[{"value":64,"name":"image_width","type":"Value<uint32_t>"},{"value":48,"name":"image_height","type":"Value<uint32_t>"},{"value":1,"name":"image_pixel_format","type":"Value<uint32_t>"},{"value":[1.5,2.25,320.0,240.0,0.0010000000474974513,-0.0020000000949949026],"name":"camera_calibration","type":"Vector<float>"},{"name":"camera_model","type":"String","value":"pinhole-test"}]})golden";

// A line of shared/golden/expected/sample_file.vrs/print-json.jsons: nested arrays.
const char* const kMotionDataLayout =
    R"golden({"data_layout":[{"value":[[[0.0,0.0,0.0],[0.0,0.0,0.0],[0.0,0.0,0.0]]],"name":"motion_data","type":"Vector<Matrix3Dd>"}]})golden";

}  // namespace

TEST_CASE("JsonCompact reprints golden documents", "[json_out][golden]") {
  CHECK(JsonCompact(Json::parse(kSampleFileDescription)) == kSampleFileDescription);
  CHECK(JsonCompact(Json::parse(kImuDataLayout)) == kImuDataLayout);
  CHECK(JsonCompact(Json::parse(kMotionDataLayout)) == kMotionDataLayout);
}

TEST_CASE("JsonPretty reprints the golden pretty description", "[json_out][golden]") {
  Json description = Json::parse(kLz4FastPrettyDescription);
  CHECK(JsonPretty(description) == kLz4FastPrettyDescription);
  // Same document in both forms: "tags": {} stays on one line in the pretty form.
  CHECK(JsonPretty(description).find("\"tags\": {},\n") != std::string::npos);
  CHECK(JsonCompact(description).find(R"("tags":{},"vrs_tag":{"RF:Data:1")") != std::string::npos);
}

TEST_CASE("JsonDouble: spec and golden examples", "[json_out]") {
  CHECK(JsonDouble(25.0) == "25.0");
  CHECK(JsonDouble(2.5) == "2.5");
  CHECK(JsonDouble(1493865.286) == "1493865.286");
  CHECK(JsonDouble(1493865.286102026) == "1493865.286102026");
  CHECK(JsonDouble(1000.6333333333333) == "1000.6333333333333");
  CHECK(JsonDouble(0.36000000000000043) == "0.36000000000000043");  // copy-ztight.vrs
  CHECK(JsonDouble(0.0) == "0.0");
  CHECK(JsonDouble(1e21) == "1e21");
  CHECK(JsonDouble(1e-7) == "1e-7");
  CHECK(JsonDouble(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(JsonDouble(std::numeric_limits<double>::infinity()) == "Infinity");
  CHECK(JsonDouble(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

TEST_CASE("JsonDouble: notation boundaries", "[json_out]") {
  // Not in the golden files; checked against rapidjson 1.1.0's Writer::Double, whose layout the
  // reference's writer shares.
  CHECK(JsonDouble(-0.0) == "-0.0");
  CHECK(JsonDouble(-2.5) == "-2.5");
  CHECK(JsonDouble(1e20) == "100000000000000000000.0");
  CHECK(JsonDouble(1.5e21) == "1.5e21");
  CHECK(JsonDouble(1e-6) == "0.000001");
  CHECK(JsonDouble(1.5e-7) == "1.5e-7");
  CHECK(JsonDouble(0.00012) == "0.00012");
  CHECK(JsonDouble(5e-324) == "5e-324");
  CHECK(JsonDouble(1.7976931348623157e308) == "1.7976931348623157e308");
  CHECK(JsonDouble(123456789012345678901.0) == "123456789012345680000.0");
}

TEST_CASE("JsonString escapes", "[json_out]") {
  CHECK(JsonString("") == R"("")");
  CHECK(JsonString("a\"b\\c/d") == R"("a\"b\\c/d")");
  CHECK(JsonString("\b\f\n\r\t") == R"("\b\f\n\r\t")");
  // Uppercase hex as rapidjson 1.1.0 writes it (no control char in the golden files).
  CHECK(JsonString(std::string("\0\x01\x1f\x7f", 4)) == "\"\\u0000\\u0001\\u001F\x7f\"");
  // Bytes >= 0x80 are copied, valid UTF-8 or not.
  CHECK(JsonString("caf\xc3\xa9 \xff") == "\"caf\xc3\xa9 \xff\"");
}

TEST_CASE("JsonCompact and JsonPretty: layout", "[json_out]") {
  Json doc = Json::object();
  doc["z"] = 1;
  doc["a"] = Json::array({-2, 18446744073709551615ULL, true, false, nullptr, 0.5});
  doc["empty_object"] = Json::object();
  doc["empty_array"] = Json::array();
  doc["nested"] = {{"k", Json::array({Json::object()})}};
  CHECK(JsonCompact(doc) ==
        R"({"z":1,"a":[-2,18446744073709551615,true,false,null,0.5],"empty_object":{},)"
        R"("empty_array":[],"nested":{"k":[{}]}})");
  CHECK(JsonPretty(doc) == R"({
    "z": 1,
    "a": [
        -2,
        18446744073709551615,
        true,
        false,
        null,
        0.5
    ],
    "empty_object": {},
    "empty_array": [],
    "nested": {
        "k": [
            {}
        ]
    }
})");
  CHECK(JsonCompact(Json::object()) == "{}");
  CHECK(JsonPretty(Json::array()) == "[]");
  CHECK(JsonPretty(Json("text")) == R"("text")");
  CHECK(JsonCompact(Json(std::numeric_limits<double>::quiet_NaN())) == "NaN");
}

TEST_CASE("JsonCompact keeps invalid UTF-8 instead of throwing", "[json_out]") {
  Json doc = {{"name", std::string("\xff\xfe")}};
  CHECK(JsonCompact(doc) == "{\"name\":\"\xff\xfe\"}");
}
