// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;
// TEMPORARY STUB (not committed): replaced by the genetics branch.
library Genome {
    function isValid(uint256 genes) internal pure returns (bool) { return genes >> 160 == 0; }
    function mix(uint256 a, uint256 b, uint256 seed) internal pure returns (uint256) { return (seed & 1 == 0 ? a : b) & ((1 << 160) - 1); }
}
