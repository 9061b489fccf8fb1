/// One reply of a `RedisPipeline`, with what its command carried.
public struct RedisPipelineReply<Item> {
    /// The reply (never an error reply: those stop the pipeline). In atomic mode, the command's
    /// element of EXEC's result.
    public let value: RESPValue
    /// Position, in the order of `add`, of the first item the command carried.
    public let firstItem: Int
    /// How many items the command carried.
    public let itemCount: Int
    /// The items themselves; empty in atomic mode, where replies come with EXEC at the end and
    /// keeping every item until then would make memory grow with the input.
    public let items: ArraySlice<Item>
}
