// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ActingContract} from "./ActingContract.sol";

/// @title EtherRejecter
/// @notice TEST ONLY. A bidder or seller whose code refuses every ether payment.
contract EtherRejecter is ActingContract {
    error EtherRejected(uint256 amount);

    receive() external payable {
        revert EtherRejected(msg.value);
    }
}
