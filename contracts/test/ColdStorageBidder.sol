// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ActingContract} from "./ActingContract.sol";

/// @title ColdStorageBidder
/// @notice TEST ONLY. CryptoKitties' London trap: its `receive` reads (and writes) storage
/// that is cold in the transaction, which costs more than the 2,300 gas a Solidity
/// `transfer` forwards. A market that refunds or pays through `transfer` cannot deal with it.
contract ColdStorageBidder is ActingContract {
    /// @notice Wei received so far (cold in every transaction that pays this contract).
    uint256 public received;
    /// @notice How many payments it received.
    uint256 public payments;

    // Writing storage in `receive` is this contract's point (the trap it models).
    // solhint-disable no-complex-fallback
    /// @notice A payment: two cold storage writes, more than a `transfer`'s 2,300 gas stipend.
    receive() external payable {
        received += msg.value;
        payments += 1;
    }
    // solhint-enable no-complex-fallback
}
