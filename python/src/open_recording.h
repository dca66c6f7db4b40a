// Opens what Python names a recording: a path or a URL (its chunks found beside it), or the list
// of its chunks, which may be URLs (http://, https://, s3://) as well as paths.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "vrsx/file_source.h"
#include "vrsx/reader.h"
#include "vrsx/status.h"

namespace vrsx::python {

// The bytes of the recording `chunks` names (one path or URL, or several chunks in order).
Status OpenRecordingSource(const std::vector<std::string>& chunks,
                           std::shared_ptr<const FileSource>& out);
// The same, opened by `reader`.
Status OpenRecording(const std::vector<std::string>& chunks, Reader& reader);

}  // namespace vrsx::python
