extension EffectiveSettings {
    /// Whether `rule` blocks traffic on a host with these settings: the engine is inline, the
    /// behavior prevents and the rule is not detect-only. Only intrusion-prevention rules act on
    /// traffic.
    func blocks(_ rule: Rule) -> Bool { blocks(module: rule.module, detectOnly: rule.detectOnly) }

    /// `blocks(_:)` from the two fields of the rule it needs.
    func blocks(module: Module, detectOnly: Bool) -> Bool {
        module == .intrusionPrevention && engineMode == .inline && behavior == .prevent && !detectOnly
    }
}
