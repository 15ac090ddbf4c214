// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IPetBirths
/// @notice The one PetToken function a midwife calls.
interface IPetBirths {
    /// @notice Bring `matronId`'s child to term; returns its id.
    function giveBirth(uint256 matronId) external returns (uint256 childId);
}

/// @title Midwife
/// @notice TEST ONLY, never deployed by scripts: a contract that calls giveBirth and then
/// receives the prepaid birth fee in one of three ways: it accepts it, it refuses it
/// (reverts), or, on the first fee, it re-enters the token with calldata chosen by the test
/// (e.g. giveBirth again) and records the outcome without reverting.
contract Midwife {
    enum OnFee {
        Accept,
        Reject,
        Reenter
    }

    /// @notice The token it delivers pets of.
    IPetBirths public immutable pets;
    /// @notice What `receive` does with a fee.
    OnFee public onFee;
    /// @notice The call made from `receive` in Reenter mode.
    bytes public reentryCall;
    /// @notice True once the re-entrant call was made.
    bool public reentered;
    /// @notice Whether the re-entrant call succeeded.
    bool public reentrySucceeded;
    /// @notice The re-entrant call's return or revert data.
    bytes public reentryResult;
    /// @notice Fees received, in wei.
    uint256 public feesReceived;
    /// @notice How many fees it received.
    uint256 public feeCount;

    constructor(IPetBirths pets_) {
        pets = pets_;
    }

    /// @notice Choose what happens to the next fees.
    function setOnFee(OnFee mode, bytes calldata call) external {
        onFee = mode;
        reentryCall = call;
        reentered = false;
    }

    /// @notice Bring `matronId`'s child to term (reverts as giveBirth does).
    function deliver(uint256 matronId) external returns (uint256) {
        return pets.giveBirth(matronId);
    }

    // A hostile payee on purpose: it refuses with a reason string and re-enters the token.
    // solhint-disable no-complex-fallback
    /// @notice A birth fee: accepted, refused or answered by re-entering, as set by {setOnFee}.
    receive() external payable {
        // solhint-disable-next-line gas-custom-errors
        if (onFee == OnFee.Reject) revert("Midwife: no fees, thanks");
        feesReceived += msg.value;
        feeCount += 1;
        if (onFee == OnFee.Reenter && !reentered) {
            reentered = true;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory result) = address(pets).call(reentryCall);
            reentrySucceeded = ok;
            reentryResult = result;
        }
    }
    // solhint-enable no-complex-fallback
}
