// The non-template part of typed layouts: the definition made from the registered fields, and
// encoding/decoding through the one DataLayout encoder and block reader.
#include "vrsx/typed_layout.h"

#include <optional>
#include <set>

namespace vrsx {

namespace detail {

FieldBase::FieldBase(TypedLayoutBase* owner, std::string_view label, PieceKind kind,
                     ElementType type, uint32_t array_size)
    : label_(label), kind_(kind), type_(type), array_size_(array_size) {
  owner->fields_.push_back(this);
}

}  // namespace detail

struct TypedLayoutBase::State {
  DataLayoutDefinition definition;
  Status status;  // why the fields do not make a valid definition
  std::optional<DataLayoutEncoder> encoder;
};

TypedLayoutBase::TypedLayoutBase() = default;
TypedLayoutBase::~TypedLayoutBase() = default;

TypedLayoutBase::State& TypedLayoutBase::state() const {
  if (state_) return *state_;
  state_ = std::make_unique<State>();
  std::set<std::string_view> labels;
  for (const detail::FieldBase* field : fields_) {
    // A second field of the same label could never be read by label (spec 02 §5.4).
    if (!labels.insert(field->label_).second && state_->status.ok()) {
      state_->status = Status(ErrorCode::kInvalidArgument,
                              "typed layout: two fields are labelled \"" + field->label_ + "\"");
    }
    Status added = state_->definition.Add(
        PieceDefinition::Make(field->label_, field->kind_, field->type_, field->array_size_));
    if (!added.ok() && state_->status.ok()) state_->status = added;
  }
  state_->encoder.emplace(state_->definition);
  return *state_;
}

const DataLayoutDefinition& TypedLayoutBase::definition() const {
  return state().definition;
}

Status TypedLayoutBase::Encode(std::vector<uint8_t>& out) const {
  State& s = state();
  if (!s.status.ok()) return s.status;
  DataLayoutEncoder& encoder = *s.encoder;
  encoder.Clear();
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (Status status = fields_[i]->Write(encoder, i); !status.ok()) return status;
  }
  encoder.EncodeTo(out);
  return Status::Ok();
}

Status TypedLayoutBase::Decode(const DataLayoutDefinition& file_layout,
                               std::span<const uint8_t> bytes) {
  LayoutMapping mapping(definition(), file_layout);
  DataLayoutBlock block(mapping);
  Status status = block.Bind(bytes.data(), bytes.size());
  // Even a truncated block reads: what is there, and defaults for the rest.
  for (size_t i = 0; i < fields_.size(); ++i) fields_[i]->Read(block, i);
  return status;
}

}  // namespace vrsx
