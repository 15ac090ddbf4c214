// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ActingContract
/// @notice TEST ONLY, never deployed by scripts. A contract account that tests drive: it makes
/// any call (bids, approvals, withdrawals) with the value it is given, bubbling reverts.
abstract contract ActingContract {
    /// @notice Call `target` with `data` and `value` wei from this contract.
    function act(address target, bytes calldata data, uint256 value) external payable returns (bytes memory) {
        // Any call the test chooses, so a low-level one.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = target.call{value: value}(data);
        if (!ok) {
            // Solidity cannot rethrow raw revert data without assembly.
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        return ret;
    }
}
