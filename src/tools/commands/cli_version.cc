// The version the CLI reports, from the CMake project version.
namespace vrsx::cli {

const char* Version() {
  return "0.1.0";
}

}  // namespace vrsx::cli
