// A program that uses only the installed vrsx package.
#include <vrsx/reader.h>

#include <cstdio>

int main(int argc, char* argv[]) {
  vrsx::Reader reader;
  vrsx::Status status = reader.Open(argc > 1 ? argv[1] : "/nonexistent.vrs");
  std::printf("%s\n", status.ok() ? "open" : status.message().c_str());
  return status.code() == vrsx::ErrorCode::kNotFound ? 0 : (status.ok() ? 0 : 1);
}
