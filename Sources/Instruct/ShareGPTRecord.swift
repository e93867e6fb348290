/// One line of a ShareGPT-style JSONL as LLaMA-Factory reads it: the conversation, whose first
/// user message holds the `<image>` placeholder, and the image files.
public struct ShareGPTRecord: Codable, Hashable, Sendable {
    public struct Message: Codable, Hashable, Sendable {
        public var role: String
        public var content: String

        public init(role: String, content: String) { self.role = role; self.content = content }
    }

    public var messages: [Message]
    public var images: [String]

    public init(messages: [Message], images: [String]) { self.messages = messages; self.images = images }

    /// The record of an export-style sample whose image is the file at `imagePath`.
    public init(sample: InstructionSample, imagePath: String) {
        messages = [Message(role: "user", content: "<image>" + sample.prompt),
                    Message(role: "assistant", content: sample.response)]
        images = [imagePath]
    }
}
