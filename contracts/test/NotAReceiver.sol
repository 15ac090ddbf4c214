// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title NotAReceiver
/// @notice TEST ONLY, never deployed by scripts: a contract that knows nothing of ERC-721
/// (no onERC721Received, no fallback), so a safe transfer to it must fail.
contract NotAReceiver {
    /// @notice Something for the contract to do, so that it has code.
    uint256 public pokes;

    /// @notice Count a poke.
    function poke() external {
        pokes += 1;
    }
}
