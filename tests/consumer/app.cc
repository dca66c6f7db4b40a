// A program that uses only the installed vrsx package: writes a file with an lz4 stream and a
// zstd stream (so that the codecs and the writer's threads are linked), then reads it back, and
// decodes a raw image (which links the image codecs libvrsx was built with) and looks for one
// with ImageReader.
#include <vrsx/image.h>
#include <vrsx/image_reader.h>
#include <vrsx/reader.h>
#include <vrsx/writer.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace {

std::vector<uint8_t> Payload(int record) {
  std::vector<uint8_t> payload(4096);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = uint8_t((i / 16 + record) % 7);
  return payload;
}

int Fail(const char* what, const vrsx::Status& status) {
  std::fprintf(stderr, "%s: %s\n", what, status.message().c_str());
  return 1;
}

}  // namespace

int main(int argc, char* argv[]) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: app FILE.vrs\n");
    return 2;
  }
  const std::string path = argv[1];
  constexpr int kRecords = 5;
  {
    vrsx::Writer writer;
    vrsx::StreamId lz4, zstd;
    vrsx::Status status = writer.AddStream(
        vrsx::StreamDefinition(241, "consumer/lz4", vrsx::CompressionPreset::kLz4Fast), lz4);
    if (status.ok()) {
      status = writer.AddStream(
          vrsx::StreamDefinition(241, "consumer/zstd", vrsx::CompressionPreset::kZstdLight), zstd);
    }
    if (status.ok()) status = writer.Create(path);
    for (int i = 0; i < kRecords && status.ok(); ++i) {
      const std::vector<uint8_t> payload = Payload(i);
      status = writer.AddRecord(lz4, {vrsx::RecordType::kData, 1, double(i)}, payload);
      if (status.ok())
        status = writer.AddRecord(zstd, {vrsx::RecordType::kData, 1, double(i)}, payload);
    }
    if (!status.ok()) return Fail("write", status);
    if (status = writer.Close(); !status.ok()) return Fail("close", status);
  }

  vrsx::Reader reader;
  if (vrsx::Status status = reader.Open(path); !status.ok()) return Fail("open", status);
  int data_records = 0;
  std::vector<uint8_t> payload;
  for (size_t i = 0; i < reader.index().size(); ++i) {
    const vrsx::RecordInfo& record = reader.index()[i];
    if (record.type != vrsx::RecordType::kData) continue;
    vrsx::RecordDetails details;
    if (vrsx::Status status = reader.ReadRecord(i, payload, &details); !status.ok()) {
      return Fail("read", status);
    }
    if (payload != Payload(int(record.timestamp)) || details.stored_size >= details.payload_size) {
      std::fprintf(stderr, "record %zu: wrong payload, or stored uncompressed\n", i);
      return 1;
    }
    ++data_records;
  }
  if (data_records != 2 * kRecords) {
    std::fprintf(stderr, "%d data records read back, not %d\n", data_records, 2 * kRecords);
    return 1;
  }
  vrsx::ImageDecoder decoder;
  vrsx::Pixels pixels;
  const std::vector<uint8_t> bgr = {1, 2, 3};
  if (vrsx::Status status = decoder.Decode(vrsx::ImageSpec::Parse("raw/1x1/pixel=bgr8"), bgr,
                                           vrsx::ImageConversion::kNormalize, pixels);
      !status.ok() || pixels.bytes != std::vector<uint8_t>{3, 2, 1}) {
    return Fail("image", status);
  }
  // Records without images: ImageReader says so (and links the video decoder).
  vrsx::ImageReader images(reader);
  if (images.ReadImage(0, vrsx::ImageConversion::kNormalize, pixels).code() !=
      vrsx::ErrorCode::kNotFound) {
    std::fprintf(stderr, "ImageReader found an image in a record without one\n");
    return 1;
  }
  std::printf("wrote and read back %d compressed records\n", data_records);
  return 0;
}
