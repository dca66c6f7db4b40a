#include <cstdio>

#include "vrsx/reader.h"

int main(int argc, char* argv[]) {
  if (argc < 2) return 1;
  vrsx::Reader reader;
  vrsx::Status status = reader.Open(argv[1]);
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.message().c_str());
    return 1;
  }
  std::printf("%zu records, %zu streams\n", reader.index().size(), reader.streams().size());
  return 0;
}
