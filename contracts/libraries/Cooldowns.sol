// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Cooldowns
/// @notice The breeding cooldown ladder of CryptoKitties: 1 min, 2 min, 5 min, 10 min, 30 min,
/// 1 h, 2 h, 4 h, 8 h, 16 h, 1 d, 2 d, 4 d, 7 d. A pet starts at step floor(generation / 2)
/// and moves one step slower after each breeding, stopping at the last. Gestation lasts the
/// matron's cooldown.
library Cooldowns {
    /// @dev The highest step of the ladder (7 days).
    uint256 internal constant MAX_INDEX = 13;

    /// @dev The fourteen steps in minutes, 14 bits each, step 0 in the lowest bits:
    /// 1, 2, 5, 10, 30, 60, 120, 240, 480, 960, 1440, 2880, 5760, 10080.
    /// Packed into one constant so a lookup is a shift and a mask, not a storage read.
    uint256 private constant _LADDER_MINUTES =
        1 |
            (2 << 14) |
            (5 << 28) |
            (10 << 42) |
            (30 << 56) |
            (60 << 70) |
            (120 << 84) |
            (240 << 98) |
            (480 << 112) |
            (960 << 126) |
            (1440 << 140) |
            (2880 << 154) |
            (5760 << 168) |
            (10080 << 182);

    /// @notice The ladder step of a pet of `generation` that has bred `breedings` times.
    function index(uint256 generation, uint256 breedings) internal pure returns (uint256) {
        uint256 step = generation / 2 + breedings;
        return step > MAX_INDEX ? MAX_INDEX : step;
    }

    /// @notice The length in seconds of ladder step `step` (0..13).
    function duration(uint256 step) internal pure returns (uint256) {
        return ((_LADDER_MINUTES >> (14 * step)) & 0x3FFF) * 60;
    }
}
