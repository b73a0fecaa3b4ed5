/// A small, fast, seedable generator so that a workload is the same on every machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for one item, independent of how many numbers other items drew.
    static func forItem(_ seed: UInt64, _ index: Int, salt: UInt64 = 0) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (UInt64(index) &* 0x2545_F491_4F6C_DD1D) ^ salt)
        _ = mixer.next()
        return mixer
    }
}
